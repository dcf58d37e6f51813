import pytest

from slt_portal.anonymisation import describe, find_identifiers, has_national_id


def kinds(text):
    return [(f.kind, f.text) for f in find_identifiers(text)]


@pytest.mark.parametrize("text", ["12030912345", "120309 12345", "fnr 120309.12345 ok"])
def test_eleven_digit_numbers_are_national_ids(text):
    assert has_national_id(text)
    assert kinds(text)[0][0] == "national_id"


def test_other_numbers_are_not_national_ids():
    assert not has_national_id("Tiltaket kostet 1200000 kroner i 2025, tlf 22334455")


def test_dates_of_birth_addresses_and_names_are_found():
    text = (
        "Mari (født 2009) bor i Furusetveien 12 B og ble sett 12.03.2025 "
        "og 3. mars 2025."
    )
    found = kinds(text)
    assert ("name", "Mari") in found
    assert ("date", "født 2009") in found
    assert ("address", "Furusetveien 12 B") in found
    assert ("date", "12.03.2025") in found
    assert ("date", "3. mars 2025") in found


def test_system_level_text_passes():
    text = (
        "Koordineringsgruppen ser økt bruk av lystgass blant elever på 9. trinn "
        "på Furuset, og ber styringsgruppen om midler til et felles foreldremøte."
    )
    assert find_identifiers(text) == []


def test_description_masks_the_id_number():
    message = describe(find_identifiers("Jonas 12030912345"))
    assert "12030912345" not in message
    assert "Jonas" in message
