-- 0067_invoice_status_created.sql
-- invoice_search's "today's unpaid" (issued or partially paid, issued today, newest first) sorted the day's
-- invoices by created_at read from each row. With created_at in ix_invoice_status the range (status,
-- issued_at) and the sort key come from the index alone, and only the page's 25 rows are read.
ALTER TABLE invoice
    DROP KEY ix_invoice_status,
    ADD KEY ix_invoice_status (status, issued_at, created_at);
