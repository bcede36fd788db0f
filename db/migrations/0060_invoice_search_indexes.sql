-- 0060_invoice_search_indexes.sql
-- Indexes for invoice_search: every invoice newest first (ix_invoice_created) and one status newest
-- first (ix_invoice_status_created). Both order by created_at then the primary key (invoice_id), so
-- the order created_at DESC, invoice_id DESC is read straight from the index and a page stops when
-- it is full. ix_invoice_created also holds patient_id, so a name search that walks the newest
-- invoices checks each one's patient without reading the invoice row.

ALTER TABLE invoice
    ADD KEY ix_invoice_created (created_at, invoice_id, patient_id),
    ADD KEY ix_invoice_status_created (status, created_at);
