"""Loan-agreement fields (fields.md, "loan_agreement")."""

from docsift.schema.model import DocSchema, FieldSpec, Kind

F = FieldSpec
SCHEMA = DocSchema(
    document_type="loan_agreement",
    klearstack_request="LoanAgreement",
    klearstack_result="LoanAgreement",
    fields=(
        F("agreement_number", Kind.ID, "Agreement_Number"),
        F("agreement_date", Kind.DATE, "Agreement_Date"),
        F("place_of_execution", Kind.TEXT, "Place_Of_Execution"),
        F("lender_name", Kind.TEXT, "Lender_Name"),
        F("borrower_name", Kind.TEXT, "Borrower_Name"),
        F("co_borrower_name", Kind.TEXT, "Co_Borrower_Name"),
        F("guarantor_name", Kind.TEXT, "Guarantor_Name"),
        F("loan_amount", Kind.AMOUNT, "Loan_Amount"),
        F("loan_amount_in_words", Kind.TEXT, "Loan_Amount_In_Words"),
        F("interest_rate", Kind.RATE, "Interest_Rate"),
        F("interest_type", Kind.ENUM, "Interest_Type", "fixed / floating"),
        F("tenure_months", Kind.NUMBER, "Tenure_Months"),
        F("emi_amount", Kind.AMOUNT, "EMI_Amount"),
        F("repayment_start_date", Kind.DATE, "Repayment_Start_Date"),
        F("processing_fee", Kind.AMOUNT, "Processing_Fee"),
        F("purpose", Kind.TEXT, "Purpose"),
        F("partner_name", Kind.TEXT, "Partner_Name"),
    ),
)
