"""``/api/v1/publog``: a third party checks heads and proofs with nothing but the public key and RFC 6962."""

import base64
import json

import pytest
from cryptography.hazmat.primitives import serialization

from gongkai.publog import merkle, services
from gongkai.publog.tests.conftest import PNG

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(publish, revise):
    docs = [
        publish(title=f"第{n}号通知", attachments={"名单.png": PNG} if n == 2 else None) for n in range(6)
    ]
    revise(docs[1], title="第1号通知（修订）")
    services.tree_head_sign()
    return docs


def _key(client):
    pem = client.get("/.well-known/gongkai-publication-key").content
    return serialization.load_pem_public_key(pem)


def test_tree_head_is_signed_by_the_well_known_key(client, records):
    head = client.get("/api/v1/publog/tree-head").json()

    assert head["tree_size"] == 7
    _key(client).verify(base64.b64decode(head["signature"]), head["signed_text"].encode("ascii"))
    assert head["signed_text"] == f"gongkai-publication-log/1\n7\n{head['root_hash']}\n{head['timestamp']}\n"


def test_inclusion_proof_of_a_record_version_verifies_against_the_signed_root(client, records):
    head = client.get("/api/v1/publog/tree-head").json()

    body = client.get("/api/v1/publog/proof/inclusion", {"record": records[1].pk, "version": 2}).json()

    assert body["tree_size"] == head["tree_size"]
    assert body["entry"]["version"] == 2
    leaf = merkle.leaf_hash(body["entry"]["entry"].encode("utf-8"))
    assert leaf.hex() == body["leaf_hash"]
    proof = [bytes.fromhex(h) for h in body["audit_path"]]
    assert merkle.verify_inclusion(
        leaf, body["leaf_index"], head["tree_size"], proof, bytes.fromhex(head["root_hash"])
    )


def test_entry_carries_the_hash_of_the_body_served_to_the_public(client, records):
    body = client.get("/api/v1/publog/proof/inclusion", {"record": records[2].pk, "version": 1}).json()
    entry = json.loads(body["entry"]["entry"])

    served = client.get(f"/xxgk/gkjl/documents/{records[2].pk}/body.json").content
    attachment = b"".join(
        client.get(f"/xxgk/documents/{records[2].pk}/attachments/{entry['attachments'][0]['id']}/")
    )

    import hashlib

    assert hashlib.sha256(served).hexdigest() == entry["body_sha256"]
    assert hashlib.sha256(attachment).hexdigest() == entry["attachments"][0]["sha256"]


def test_consistency_proof_between_two_heads_verifies(client, records, publish):
    old = client.get("/api/v1/publog/tree-head").json()
    publish(title="新通知")
    services.tree_head_sign()
    new = client.get("/api/v1/publog/tree-head").json()

    body = client.get(
        "/api/v1/publog/proof/consistency", {"first": old["tree_size"], "second": new["tree_size"]}
    ).json()

    assert merkle.verify_consistency(
        old["tree_size"],
        new["tree_size"],
        bytes.fromhex(old["root_hash"]),
        bytes.fromhex(new["root_hash"]),
        [bytes.fromhex(h) for h in body["proof"]],
    )


def test_entries_rebuild_the_signed_root(client, records):
    head = client.get("/api/v1/publog/tree-head").json()
    entries = client.get("/api/v1/publog/entries", {"start": 0, "end": head["tree_size"]}).json()

    tree = merkle.MemoryTree(merkle.leaf_hash(e["entry"].encode("utf-8")) for e in entries)

    assert tree.root().hex() == head["root_hash"]


def test_record_lists_its_versions(client, records):
    body = client.get(f"/api/v1/publog/records/{records[1].pk}").json()

    assert [(e["version"], e["action"]) for e in body] == [(1, "publish"), (2, "revise")]


def test_entry_not_yet_signed_is_a_conflict(client, records, publish):
    later = publish(title="尚未签名")

    response = client.get("/api/v1/publog/proof/inclusion", {"record": later.pk, "version": 1})

    assert response.status_code == 409
    assert response.json()["code"] == "publog.not_yet_signed"


def test_tree_size_beyond_the_log_is_refused(client, records):
    response = client.get("/api/v1/publog/proof/consistency", {"first": 2, "second": 99})

    assert response.status_code == 400
    assert response.json()["code"] == "publog.bad_tree_size"


def test_unknown_version_is_not_found(client, records):
    response = client.get("/api/v1/publog/proof/inclusion", {"record": records[0].pk, "version": 9})

    assert response.status_code == 404
    assert response.json()["code"] == "publog.entry_not_found"


def test_no_head_yet_is_not_found(client):
    response = client.get("/api/v1/publog/tree-head")

    assert response.status_code == 404
    assert response.json()["code"] == "publog.no_tree_head"


def test_entries_page_is_capped(client, records):
    response = client.get("/api/v1/publog/entries", {"start": 0, "end": 5000})

    assert response.status_code == 400
    assert response.json()["code"] == "publog.bad_range"
