"""NACH / e-mandate fields (fields.md, "nach_mandate")."""

from docsift.schema.model import DocSchema, FieldSpec, Kind

F = FieldSpec
SCHEMA = DocSchema(
    document_type="nach_mandate",
    klearstack_request="NACH",
    klearstack_result="NACH",
    fields=(
        F("umrn", Kind.ID, "UMRN"),
        F("mandate_date", Kind.DATE, "Mandate_Date"),
        F("sponsor_bank_code", Kind.ID, "Sponsor_Bank_Code"),
        F("utility_code", Kind.ID, "Utility_Code"),
        F("mandate_action", Kind.ENUM, "Mandate_Action", "create / modify / cancel"),
        F("debit_type", Kind.ENUM, "Debit_Type", "fixed / maximum"),
        F("account_type", Kind.ENUM, "Account_Type", "SB, CA, CC, SB-NRE, SB-NRO, other"),
        F("account_number", Kind.ID, "Account_Number"),
        F("account_holder_name", Kind.TEXT, "Account_Holder_Name"),
        F("bank_name", Kind.TEXT, "Bank_Name"),
        F("ifsc", Kind.ID, "IFSC"),
        F("micr", Kind.ID, "MICR"),
        F("amount", Kind.AMOUNT, "Amount"),
        F("amount_in_words", Kind.TEXT, "Amount_In_Words"),
        F("frequency", Kind.ENUM, "Frequency"),
        F("reference_1", Kind.TEXT, "Reference_1"),
        F("reference_2", Kind.TEXT, "Reference_2"),
        F("phone", Kind.TEXT, "Phone"),
        F("email", Kind.TEXT, "Email"),
        F("start_date", Kind.DATE, "Start_Date"),
        F("end_date", Kind.DATE, "End_Date"),
        F("until_cancelled", Kind.BOOL, "Until_Cancelled"),
        F("creditor_name", Kind.TEXT, "Creditor_Name"),
    ),
)
