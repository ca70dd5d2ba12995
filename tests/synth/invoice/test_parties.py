"""Customer blocks: salutations stay out of customer_name, names over two lines join with a space,
attention lines and key-value customers, the customer's tax id in its own block."""

from __future__ import annotations

import pypdfium2 as pdfium

from docsift.synth.invoice.extras import document_labels
from tests.synth.invoices import drawn, find, planned
from tests.synth.pdftext import page_texts, text_in


def test_given_private_customers_with_salutations_then_customer_name_holds_the_name_only() -> None:
    own_line = inline = 0
    for index in find(lambda c, plan: plan.customer.salutation is not None, count=12):
        c, plan = planned(index)
        truth = drawn(index).truth
        salutation = plan.customer.salutation or ""
        name = truth["fields"]["customer_name"]
        assert name == c.parties["customer"].name
        assert not name.startswith(salutation) and salutation not in truth["raw"]["customer_name"]
        box = truth["boxes"]["customer_name"]
        x0, y0, x1, y1 = box["bbox"]
        pdf = pdfium.PdfDocument(drawn(index).pdf)
        if plan.customer.salutation_line:  # on the line above the name
            own_line += 1
            above = text_in(pdf[box["page"] - 1], [x0, y0 - 1.5 * (y1 - y0), x1, y0])
            assert salutation in above, (above, salutation)
        else:  # before the name on its line
            inline += 1
            before = text_in(pdf[box["page"] - 1], [max(0.0, x0 - 0.12), y0, x0 - 0.003, y1])
            assert before.strip().endswith(salutation), (before, salutation)
        pdf.close()
    assert own_line and inline


def test_given_a_name_printed_over_two_lines_then_the_truth_joins_them_with_a_space() -> None:
    for index in find(lambda c, plan: len(plan.customer.name_lines) == 2, count=5):
        truth = drawn(index).truth
        raw = truth["raw"]["customer_name"]
        assert "\n" in raw
        assert " ".join(raw.split("\n")) == truth["fields"]["customer_name"]


def test_given_an_attention_line_then_the_contact_is_printed_but_the_company_is_the_customer() -> None:
    for index in find(lambda c, plan: plan.customer.attn is not None, count=4):
        c, plan = planned(index)
        truth = drawn(index).truth
        assert truth["fields"]["customer_name"] == c.parties["customer"].name
        assert plan.customer.attn in page_texts(drawn(index).pdf)[0]
        assert c.parties["customer"].attn not in truth["fields"]["customer_name"]


def test_given_a_key_value_customer_then_its_name_label_is_the_truth_label() -> None:
    for index in find(lambda c, plan: plan.axes["parties"] == "kv", count=4):
        c = planned(index)[0]
        truth = drawn(index).truth
        kv_names = document_labels(c)["parties"]["customer_kv_name"]
        assert truth["labels"]["customer_name"].rstrip(":").lower() in [k.lower() for k in kv_names]


def test_given_a_customer_tax_id_then_it_is_printed_in_the_customer_block_not_the_vendor_s() -> None:
    for index in find(lambda c, plan: any(e.key == "customer_tax_id" for e in plan.customer.extra), count=6):
        truth = drawn(index).truth
        assert truth["fields"]["customer_tax_id"] != truth["fields"].get("vendor_tax_id")
        cust, tax = truth["boxes"]["customer_name"], truth["boxes"]["customer_tax_id"]
        assert cust["page"] == tax["page"] and abs(cust["bbox"][0] - tax["bbox"][0]) < 0.25
        assert 0 < tax["bbox"][1] - cust["bbox"][1] < 0.2


def test_given_id_rows_under_a_party_heading_then_they_stand_between_heading_and_name() -> None:
    for index in find(lambda c, plan: bool(plan.customer.lead), count=4):
        c, plan = planned(index)
        truth = drawn(index).truth
        text = page_texts(drawn(index).pdf)[0]
        name = c.parties["customer"].name
        assert truth["fields"]["customer_name"] == name
        for row in plan.customer.lead:
            assert row.value in text and row.value not in truth["fields"]["customer_name"]
            assert text.index(row.value) < text.index(plan.customer.name_lines[0])
