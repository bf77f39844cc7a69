"""The Merkle tree against RFC 6962 §2.1, checked by a naive recursive reference written from the RFC's text."""

import hashlib

import pytest

from gongkai.publog import merkle


# --- the reference: RFC 6962 §2.1, §2.1.1, §2.1.2 transcribed literally, over the leaves' data -------------------
def _h(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def _k(n: int) -> int:
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def ref_mth(d: list[bytes]) -> bytes:
    if not d:
        return _h(b"")
    if len(d) == 1:
        return _h(b"\x00" + d[0])
    k = _k(len(d))
    return _h(b"\x01" + ref_mth(d[:k]) + ref_mth(d[k:]))


def ref_path(m: int, d: list[bytes]) -> list[bytes]:
    if len(d) == 1:
        return []
    k = _k(len(d))
    if m < k:
        return [*ref_path(m, d[:k]), ref_mth(d[k:])]
    return [*ref_path(m - k, d[k:]), ref_mth(d[:k])]


def ref_subproof(m: int, d: list[bytes], b: bool) -> list[bytes]:
    n = len(d)
    if m == n:
        return [] if b else [ref_mth(d)]
    k = _k(n)
    if m <= k:
        return [*ref_subproof(m, d[:k], b), ref_mth(d[k:])]
    return [*ref_subproof(m - k, d[k:], False), ref_mth(d[:k])]


def ref_proof(m: int, d: list[bytes]) -> list[bytes]:
    return ref_subproof(m, d, True)


# --------------------------------------------------------------------------------------------------------------
DATA = [f"entry {i}".encode() * (i % 3 + 1) for i in range(37)]
TREE = merkle.MemoryTree(merkle.leaf_hash(d) for d in DATA)

# Roots of the 8-leaf tree of certificate-transparency's reference tests (leaves "", 00, 10, 2021, 3031, 40414243,
# 5051…57, 6061…6f), a vector published independently of this code.
CT_LEAVES = [
    bytes.fromhex(x)
    for x in [
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    ]
]
CT_ROOTS = {
    1: "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    2: "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    3: "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    4: "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    5: "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    6: "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    7: "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    8: "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
}


def test_leaf_and_node_hashes_use_the_rfc_prefixes():
    assert merkle.leaf_hash(b"x") == _h(b"\x00x")
    assert merkle.node_hash(b"a" * 32, b"b" * 32) == _h(b"\x01" + b"a" * 32 + b"b" * 32)


def test_empty_log_root_is_the_hash_of_the_empty_string():
    assert merkle.MemoryTree().root() == _h(b"")


@pytest.mark.parametrize("size", sorted(CT_ROOTS))
def test_roots_equal_certificate_transparency_vectors(size):
    tree = merkle.MemoryTree(merkle.leaf_hash(d) for d in CT_LEAVES)
    assert tree.root(size).hex() == CT_ROOTS[size]
    assert ref_mth(CT_LEAVES[:size]).hex() == CT_ROOTS[size]


def test_root_of_every_size_equals_the_reference():
    for n in range(1, len(DATA) + 1):
        assert TREE.root(n) == ref_mth(DATA[:n]), n


def test_inclusion_proof_of_every_leaf_equals_the_reference_and_verifies():
    for n in range(1, len(DATA) + 1):
        root = ref_mth(DATA[:n])
        for m in range(n):
            proof = merkle.inclusion_proof(m, n, TREE.fetch)
            assert proof == ref_path(m, DATA[:n]), (m, n)
            assert merkle.verify_inclusion(merkle.leaf_hash(DATA[m]), m, n, proof, root), (m, n)


def test_consistency_proof_of_every_pair_equals_the_reference_and_verifies():
    for n in range(1, len(DATA) + 1):
        for m in range(1, n + 1):
            proof = merkle.consistency_proof(m, n, TREE.fetch)
            assert proof == ref_proof(m, DATA[:n]), (m, n)
            assert merkle.verify_consistency(m, n, ref_mth(DATA[:m]), ref_mth(DATA[:n]), proof), (m, n)


def test_inclusion_proof_fails_for_another_leaf_index_or_a_changed_hash():
    proof = merkle.inclusion_proof(5, 21, TREE.fetch)
    root = TREE.root(21)
    leaf = merkle.leaf_hash(DATA[5])
    assert not merkle.verify_inclusion(leaf, 6, 21, proof, root)
    assert not merkle.verify_inclusion(merkle.leaf_hash(b"forged"), 5, 21, proof, root)
    assert not merkle.verify_inclusion(leaf, 5, 21, [proof[0], _h(b"x"), *proof[2:]], root)
    assert not merkle.verify_inclusion(leaf, 5, 21, proof[:-1], root)


def test_consistency_proof_fails_when_the_old_tree_was_rewritten():
    forged = merkle.MemoryTree(merkle.leaf_hash(d) for d in [*DATA[:3], b"rewritten", *DATA[4:]])
    proof = merkle.consistency_proof(7, 30, forged.fetch)
    assert not merkle.verify_consistency(7, 30, TREE.root(7), forged.root(30), proof)
    assert merkle.verify_consistency(7, 30, forged.root(7), forged.root(30), proof)


def test_a_proof_reads_a_logarithmic_number_of_stored_nodes():
    size = 1_000_003
    ranges = merkle.inclusion_ranges(size // 3, size)
    nodes = {node for start, end in ranges for node in merkle.perfect_parts(start, end)}
    assert len(ranges) <= 20
    assert len(nodes) <= 2 * 20
    assert len(merkle.consistency_ranges(size // 2, size)) <= 2 * 20


def test_appending_stores_each_perfect_subtree_once():
    nodes = dict(TREE.nodes())
    assert len(nodes) == sum(len(DATA) >> level for level in range(6))
    assert nodes[(5, 0)] == ref_mth(DATA[:32])
