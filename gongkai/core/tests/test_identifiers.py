"""GB 11643, GB 32100 and Luhn validators (SPEC-regulations R5.4, R5.5, R5.7)."""

from gongkai.core import identifiers


def test_id_card_from_spec_is_valid():
    assert identifiers.is_valid_id_card("11010519491231002X")


def test_id_card_lower_case_x_is_accepted():
    assert identifiers.is_valid_id_card("11010519491231002x")


def test_id_card_with_bad_check_digit_is_invalid():
    assert not identifiers.is_valid_id_card("110105194912310021")


def test_id_card_with_impossible_birth_date_is_invalid():
    first17 = "11010519491331002"
    assert not identifiers.is_valid_id_card(first17 + identifiers.id_card_check_char(first17))


def test_old_fifteen_digit_id_needs_a_real_date():
    assert identifiers.is_valid_id_card_15("110105491231002")
    assert not identifiers.is_valid_id_card_15("110105491331002")


def test_uscc_from_spec_is_valid():
    assert identifiers.is_valid_uscc("91350100M000100Y43")


def test_uscc_with_bad_check_character_is_invalid():
    assert not identifiers.is_valid_uscc("91350100M000100Y44")


def test_luhn_examples_from_spec_pass():
    assert identifiers.is_valid_bank_card("6222021234567890128")
    assert identifiers.is_valid_bank_card("4111111111111111")


def test_card_failing_luhn_is_invalid():
    assert not identifiers.is_valid_bank_card("6222021234567890129")
