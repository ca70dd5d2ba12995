"""Receipt fields (fields.md, "receipt")."""

from docsift.schema.model import DocSchema, FieldSpec, Kind

F = FieldSpec
SCHEMA = DocSchema(
    document_type="receipt",
    klearstack_request="Receipts",
    klearstack_result="Receipt",
    fields=(
        F("merchant_name", Kind.TEXT, "Merchant_Name"),
        F("merchant_address", Kind.TEXT, "Merchant_Address"),
        F("merchant_phone", Kind.TEXT, "Merchant_Phone"),
        F("merchant_tax_id", Kind.ID, "Merchant_GSTIN"),
        F("receipt_number", Kind.ID, "Receipt_Number"),
        F("transaction_date", Kind.DATE, "Transaction_Date"),
        F("transaction_time", Kind.TIME, "Transaction_Time"),
        F("currency", Kind.CURRENCY, "Currency"),
        F("subtotal", Kind.AMOUNT, "Sub-Total"),
        F("total_tax", Kind.AMOUNT, "Total_Tax"),
        F("tip", Kind.AMOUNT, "Tip"),
        F("total", Kind.AMOUNT, "Total"),
        F("payment_method", Kind.TEXT, "Payment_Method"),
    ),
    line_columns=(
        F("description", Kind.TEXT, "Description"),
        F("quantity", Kind.NUMBER, "Quantity"),
        F("unit_price", Kind.AMOUNT, "Unit_Price"),
        F("amount", Kind.AMOUNT, "Total"),
    ),
)
