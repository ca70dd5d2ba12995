"""Insurance policy fields (fields.md, "insurance")."""

from docsift.schema.model import DocSchema, FieldSpec, Kind

F = FieldSpec
SCHEMA = DocSchema(
    document_type="insurance",
    klearstack_request="Insurances",
    klearstack_result="Insurance",
    fields=(
        F("policy_number", Kind.ID, "Policy_Number"),
        F("insurer_name", Kind.TEXT, "Insurer_Name"),
        F("insured_name", Kind.TEXT, "Insured_Name"),
        F("policy_type", Kind.ENUM, "Policy_Type", "motor, health, life, property, travel, other"),
        F("issue_date", Kind.DATE, "Issue_Date"),
        F("start_date", Kind.DATE, "Start_Date"),
        F("end_date", Kind.DATE, "End_Date"),
        F("sum_insured", Kind.AMOUNT, "Sum_Insured"),
        F("net_premium", Kind.AMOUNT, "Net_Premium"),
        F("tax_amount", Kind.AMOUNT, "Tax_Amount"),
        F("total_premium", Kind.AMOUNT, "Total_Premium"),
        F("nominee_name", Kind.TEXT, "Nominee_Name"),
        F("vehicle_registration_number", Kind.ID, "Vehicle_Registration_Number"),
        F("intermediary_code", Kind.ID, "Intermediary_Code"),
    ),
)
