"""The Migrant Resource Centre counselling assistant."""
