"""The RFC 6962 tree: roots, audit paths and their verification, for every tree size and leaf."""

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance import merkle


def sha256(data):
    return hashlib.sha256(data).digest()


def test_the_root_of_one_leaf_is_its_prefixed_hash():
    assert merkle.root([b"only"]) == sha256(b"\x00only")


def test_a_three_leaf_tree_splits_at_the_largest_power_of_two_below_its_size():
    a, b, c = (sha256(b"\x00" + leaf) for leaf in (b"a", b"b", b"c"))

    assert merkle.root([b"a", b"b", b"c"]) == sha256(b"\x01" + sha256(b"\x01" + a + b) + c)


def test_an_empty_tree_has_no_root():
    with pytest.raises(ValueError):
        merkle.root([])


leaves_and_index = st.lists(st.binary(max_size=40), min_size=1, max_size=40).flatmap(
    lambda leaves: st.tuples(st.just(leaves), st.integers(0, len(leaves) - 1))
)


@given(leaves_and_index)
def test_every_leaf_proves_to_the_root(case):
    leaves, index = case
    path = merkle.inclusion_proof(leaves, index)

    assert merkle.root_from_proof(leaves[index], index, len(leaves), path) == merkle.root(leaves)


@given(leaves_and_index, st.binary(max_size=40))
def test_another_leaf_does_not_prove_to_the_root(case, other):
    leaves, index = case
    path = merkle.inclusion_proof(leaves, index)

    if other != leaves[index]:
        assert merkle.root_from_proof(other, index, len(leaves), path) != merkle.root(leaves)


def test_a_leaf_outside_the_tree_proves_nothing():
    assert merkle.root_from_proof(b"a", 3, 3, []) is None
    with pytest.raises(IndexError):
        merkle.inclusion_proof([b"a"], 1)
