"""The figure vocabulary of ``shared/fields.md``: keys, and how a printed label maps to a key."""

from __future__ import annotations

import re

DOCUMENT_KEYS = ("unit_name", "fiscal_year", "doc_type")
FIGURE_KEYS = (
    "income_grand_total", "income_current_year", "fiscal_appropriation_income", "other_income",
    "beginning_carryover", "expenditure_grand_total", "expenditure_current_year", "basic_expenditure",
    "project_expenditure", "ending_carryover", "fiscal_grant_income_total", "fiscal_grant_expenditure_total",
    "gpb_expenditure", "gpb_initial_budget", "gpb_basic_expenditure", "personnel_expenses", "public_expenses",
    "gov_fund_expenditure", "three_public_actual", "three_public_budget", "overseas_travel", "vehicle_purchase",
    "vehicle_operation", "official_reception", "reception_batches", "reception_persons", "vehicles_in_service",
    "agency_operating_expenses", "procurement_total", "procurement_goods", "procurement_works",
    "procurement_services", "procurement_sme", "vehicles_total",
)
PROJECT_FIELDS = ("budget", "actual", "execution_rate", "score")


def is_valid_key(key: str) -> bool:
    if key in FIGURE_KEYS:
        return True
    parts = key.split(":")
    if parts[0] == "gpb_class":
        return len(parts) == 2 and bool(parts[1])
    if parts[0] == "project":
        return len(parts) == 3 and bool(parts[1]) and parts[2] in PROJECT_FIELDS
    return False


def item_name(label: str) -> str:
    """A row label as an itemised key's name: whitespace, ordinal prefix and (类) removed."""
    name = re.sub(r"\s+", "", label)
    name = re.sub(r"^(?:[一二三四五六七八九十]+、|\d+[.、．]|[(（][一二三四五六七八九十\d]+[)）])", "", name)
    return re.sub(r"[(（]类[)）]$", "", name)
