"""Merkle tree hashing of RFC 6962 (Certificate Transparency) §2.1, with proofs read from stored subtrees.

Leaves are ``SHA-256(0x00 ‖ entry)``, interior nodes ``SHA-256(0x01 ‖ left ‖ right)``, and a tree of ``n`` leaves
splits at ``k``, the largest power of two smaller than ``n`` (§2.1). The log stores the hash of every *perfect*
subtree, the ``2**level`` leaves from ``index * 2**level``: node ``(level, index)``. The hash of any range the RFC's
recursion visits is a right fold of at most ``log2 n`` such nodes (its binary decomposition), so a root, an
inclusion proof (§2.1.1) or a consistency proof (§2.1.2) needs O(log n) stored nodes for each of its O(log n)
hashes, all fetched in one query, never the leaves.

The verifiers follow RFC 9162 §2.1.3.2 and §2.1.4.2 (the same proofs, restated as loops) and need nothing from
the log: an auditor can copy them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence

Node = tuple[
    int, int
]  # (level, index): the perfect subtree of leaves [index * 2**level, (index + 1) * 2**level)
Range = tuple[int, int]  # [start, end) of leaf indices
# Fetches the hashes of the given nodes; every requested node must be present.
NodeFetcher = Callable[[Iterable[Node]], dict[Node, bytes]]

EMPTY_ROOT = hashlib.sha256(b"").digest()


def leaf_hash(entry: bytes) -> bytes:
    """``MTH({d}) = SHA-256(0x00 ‖ d)`` (RFC 6962 §2.1)."""
    return hashlib.sha256(b"\x00" + entry).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """``SHA-256(0x01 ‖ left ‖ right)`` (RFC 6962 §2.1)."""
    return hashlib.sha256(b"\x01" + left + right).digest()


def split_point(n: int) -> int:
    """The largest power of two smaller than ``n`` (``n >= 2``)."""
    if n < 2:
        raise ValueError("a tree of fewer than two leaves does not split")
    return 1 << ((n - 1).bit_length() - 1)


def _is_power_of_two(n: int) -> bool:
    return n > 0 and n & (n - 1) == 0


def perfect_parts(start: int, end: int) -> list[Node]:
    """The stored nodes whose right fold is ``MTH(D[start:end])``, left to right.

    ``[start, end)`` must be a range the RFC's recursion visits (as every range in a proof is): a power-of-two
    range aligned on its size, or a left-aligned split of one.
    """
    parts: list[Node] = []
    while end - start > 0:
        n = end - start
        size = n if _is_power_of_two(n) else split_point(n)
        if start % size:
            raise ValueError(f"[{start}, {end}) is not a range of an RFC 6962 tree")
        level = size.bit_length() - 1
        parts.append((level, start >> level))
        start += size
    return parts


def fold(hashes: Sequence[bytes]) -> bytes:
    """The hash of a range from the hashes of its perfect parts: ``H(p1, H(p2, … H(pk-1, pk)))``."""
    result = hashes[-1]
    for part in reversed(hashes[:-1]):
        result = node_hash(part, result)
    return result


def hash_ranges(ranges: Sequence[Range], fetch: NodeFetcher) -> list[bytes]:
    """``MTH`` of each range, with one call to ``fetch`` for all the nodes they need."""
    parts = [perfect_parts(start, end) for start, end in ranges]
    found = fetch({node for nodes in parts for node in nodes})
    return [fold([found[node] for node in nodes]) for nodes in parts]


def root_hash(size: int, fetch: NodeFetcher) -> bytes:
    """The tree head's root: ``MTH(D[0:size])``; the hash of the empty string for an empty log."""
    if size == 0:
        return EMPTY_ROOT
    return hash_ranges([(0, size)], fetch)[0]


def inclusion_ranges(index: int, size: int) -> list[Range]:
    """The ranges whose hashes form ``PATH(index, D[0:size])`` (RFC 6962 §2.1.1), deepest first."""
    if not 0 <= index < size:
        raise ValueError(f"leaf {index} is not in a tree of {size}")
    ranges: list[Range] = []
    start, end = 0, size
    while end - start > 1:
        k = split_point(end - start)
        if index < start + k:
            ranges.append((start + k, end))
            end = start + k
        else:
            ranges.append((start, start + k))
            start += k
    ranges.reverse()
    return ranges


def consistency_ranges(first: int, second: int) -> list[Range]:
    """The ranges whose hashes form ``PROOF(first, D[0:second])`` (RFC 6962 §2.1.2), in the RFC's order."""
    if not 0 < first <= second:
        raise ValueError(f"no consistency proof from {first} to {second}")
    ranges: list[Range] = []
    start, end, m, whole = 0, second, first, True
    while m != end - start:
        k = split_point(end - start)
        if m <= k:
            ranges.append((start + k, end))
            end = start + k
        else:
            ranges.append((start, start + k))
            start, m, whole = start + k, m - k, False
    if not whole:
        ranges.append((start, end))
    ranges.reverse()
    return ranges


def inclusion_proof(index: int, size: int, fetch: NodeFetcher) -> list[bytes]:
    return hash_ranges(inclusion_ranges(index, size), fetch)


def consistency_proof(first: int, second: int, fetch: NodeFetcher) -> list[bytes]:
    return hash_ranges(consistency_ranges(first, second), fetch)


def nodes_completed_by(index: int, leaf: bytes, left_siblings: dict[Node, bytes]) -> list[tuple[Node, bytes]]:
    """The nodes that appending leaf ``index`` creates: the leaf and each perfect subtree it completes.

    ``left_siblings`` holds ``siblings_needed(index)``.
    """
    created = [((0, index), leaf)]
    level, position, current = 0, index, leaf
    while position & 1:
        current = node_hash(left_siblings[(level, position - 1)], current)
        level, position = level + 1, position >> 1
        created.append(((level, position), current))
    return created


def siblings_needed(index: int) -> list[Node]:
    """The stored nodes that appending leaf ``index`` combines with (one per trailing 1 bit of ``index``)."""
    needed = []
    level, position = 0, index
    while position & 1:
        needed.append((level, position - 1))
        level, position = level + 1, position >> 1
    return needed


def verify_inclusion(leaf: bytes, index: int, size: int, proof: Sequence[bytes], root: bytes) -> bool:
    """RFC 9162 §2.1.3.2: does ``proof`` show leaf hash ``leaf`` at ``index`` in the tree of ``size`` with ``root``?"""
    if not 0 <= index < size:
        return False
    fn, sn, result = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            result = node_hash(p, result)
            if not fn & 1:
                while fn and not fn & 1:
                    fn, sn = fn >> 1, sn >> 1
        else:
            result = node_hash(result, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and result == root


def verify_consistency(
    first: int, second: int, first_root: bytes, second_root: bytes, proof: Sequence[bytes]
) -> bool:
    """RFC 9162 §2.1.4.2: does ``proof`` show the tree of ``first`` leaves is a prefix of the tree of ``second``?"""
    if first == second:
        return not proof and first_root == second_root
    if not 0 < first < second or not proof:
        return False
    path = list(proof)
    if _is_power_of_two(first):
        path.insert(0, first_root)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return fr == first_root and sr == second_root and sn == 0


class MemoryTree:
    """Every perfect subtree of a list of leaf hashes, level by level: the verifier's and the bench's tree."""

    def __init__(self, leaves: Iterable[bytes] = ()) -> None:
        self.levels: list[list[bytes]] = [[]]
        for leaf in leaves:
            self.append(leaf)

    def __len__(self) -> int:
        return len(self.levels[0])

    def append(self, leaf: bytes) -> None:
        index = len(self.levels[0])
        self.levels[0].append(leaf)
        level, position = 0, index
        while position & 1:
            parent = node_hash(self.levels[level][position - 1], self.levels[level][position])
            level, position = level + 1, position >> 1
            if len(self.levels) == level:
                self.levels.append([])
            self.levels[level].append(parent)

    def fetch(self, nodes: Iterable[Node]) -> dict[Node, bytes]:
        return {(level, index): self.levels[level][index] for level, index in nodes}

    def nodes(self) -> Iterable[tuple[Node, bytes]]:
        """Every stored node, ordered by level, then index."""
        for level, hashes in enumerate(self.levels):
            for index, value in enumerate(hashes):
                yield (level, index), value

    def root(self, size: int | None = None) -> bytes:
        return root_hash(len(self) if size is None else size, self.fetch)
