# A secret only the database servers receive (a demo value: keep real ones out of git).
db_password: demo-only-s3cret
