"""Merkle trees as RFC 6962 (Certificate Transparency) defines them, over SHA-256, with inclusion proofs.

    leaf hash = SHA-256(0x00 || leaf data)
    node hash = SHA-256(0x01 || left || right)

A tree of n > 1 leaves splits at k, the largest power of two below n: root = node(root(first k), root(the rest)).
The prefixes keep a leaf from passing for a node (second-preimage attacks). An inclusion proof is the audit path of
RFC 6962 section 2.1.1; `root_from_proof` is the verification of RFC 9162 section 2.1.3.2. The bundle's standalone
checker (provenance/bundle/check_bundle.py) repeats `root_from_proof` with hashlib alone, on purpose.
"""

import hashlib


def leaf_hash(data):
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n):
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def _root_of_hashes(hashes):
    if len(hashes) == 1:
        return hashes[0]
    k = _split(len(hashes))
    return node_hash(_root_of_hashes(hashes[:k]), _root_of_hashes(hashes[k:]))


def root(leaves):
    """The tree head of a non-empty list of leaf data (bytes)."""
    if not leaves:
        raise ValueError("A Merkle tree needs at least one leaf.")
    return _root_of_hashes([leaf_hash(leaf) for leaf in leaves])


def inclusion_proof(leaves, index):
    """The audit path (list of 32-byte hashes, nearest the leaf first) proving leaves[index] is in the tree."""
    if not 0 <= index < len(leaves):
        raise IndexError(f"Leaf {index} is not in a tree of {len(leaves)} leaves.")
    return _path(index, [leaf_hash(leaf) for leaf in leaves])


def _path(index, hashes):
    if len(hashes) == 1:
        return []
    k = _split(len(hashes))
    if index < k:
        return _path(index, hashes[:k]) + [_root_of_hashes(hashes[k:])]
    return _path(index - k, hashes[k:]) + [_root_of_hashes(hashes[:k])]


def root_from_proof(leaf, index, size, path):
    """The root that `path` proves `leaf` (data) at `index` of a `size`-leaf tree belongs to, or None when the path
    cannot belong to such a tree. Compare the answer with the anchored root."""
    if not 0 <= index < size:
        return None
    fn, sn, result = index, size - 1, leaf_hash(leaf)
    for sibling in path:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            result = node_hash(sibling, result)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            result = node_hash(result, sibling)
        fn, sn = fn >> 1, sn >> 1
    return result if sn == 0 else None
