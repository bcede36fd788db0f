-- 0060_invoice_search_indexes.sql
-- Indexes for invoice_search: every invoice newest first (ix_invoice_created) and one status newest
-- first (ix_invoice_status_created). Both end in the primary key (invoice_id), so the order
-- created_at DESC, invoice_id DESC is read straight from the index and a page stops when it is full.

ALTER TABLE invoice
    ADD KEY ix_invoice_created (created_at),
    ADD KEY ix_invoice_status_created (status, created_at);
