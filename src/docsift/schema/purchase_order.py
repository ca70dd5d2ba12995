"""Purchase-order fields (fields.md, "purchase_order")."""

from docsift.schema.model import DocSchema, FieldSpec, Kind

F = FieldSpec
SCHEMA = DocSchema(
    document_type="purchase_order",
    klearstack_request="PurchaseOrders",
    klearstack_result="PurchaseOrder",
    fields=(
        F("po_number", Kind.ID, "PO_Number"),
        F("po_date", Kind.DATE, "PO_Date"),
        F("delivery_date", Kind.DATE, "Delivery_Date"),
        F("buyer_name", Kind.TEXT, "Buyer_Name"),
        F("buyer_address", Kind.TEXT, "Buyer_Address"),
        F("buyer_tax_id", Kind.ID, "Buyer_GSTIN"),
        F("vendor_name", Kind.TEXT, "Vendor_Name"),
        F("vendor_address", Kind.TEXT, "Vendor_Address"),
        F("vendor_tax_id", Kind.ID, "Vendor_GSTIN"),
        F("ship_to_address", Kind.TEXT, "Shipto_Address"),
        F("payment_terms", Kind.TEXT, "Payment_Terms"),
        F("currency", Kind.CURRENCY, "Currency"),
        F("subtotal", Kind.AMOUNT, "Sub-Total"),
        F("total_tax", Kind.AMOUNT, "Total_Tax"),
        F("total", Kind.AMOUNT, "Total"),
    ),
    line_columns=(
        F("product_code", Kind.ID, "Product_Code"),
        F("description", Kind.TEXT, "Description"),
        F("quantity", Kind.NUMBER, "Quantity"),
        F("unit", Kind.TEXT, "Unit"),
        F("unit_price", Kind.AMOUNT, "Unit_Price"),
        F("amount", Kind.AMOUNT, "Total"),
    ),
)
