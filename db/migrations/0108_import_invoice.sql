-- 0108_import_invoice.sql
-- The import kind 'invoice' (issue 14): the bills of past visits and what the patients paid on them (history from
-- the old system or a spreadsheet, and the generated clinic). One row per invoice line: the visit, named by its
-- external id from an earlier visit import (import_key kind 'visit'), a service of the price list by its code and
-- the quantity; a line may also carry one payment of its invoice (amount, method, mobile-money provider,
-- reference, day). The lines of one visit, written one after another, are one invoice. The database prices each
-- line at the service's price on the visit's day, sums the invoice, issues it on the visit's day and records the
-- payments, so its total, balance and status (issued, partially_paid, paid) are computed exactly as
-- invoice_issue and payment_take compute them. Self-pay only: the whole total is the patient's share, no claim.
-- Checked by internal/import_invoice_check, written by internal/import_invoice_apply.
INSERT INTO import_kind (kind, title, description) VALUES
    ('invoice', 'Invoices',
     'The bills of past visits, one row per line, with their payments. Import after visits and the price list.');

INSERT INTO import_column (kind, position, column_name, is_required, max_length, description, example) VALUES
    ('invoice', 1, 'invoice', 0, 100,
     'The invoice''s id in the old system, the same on every line of the invoice. Optional; an invoice imported before is skipped.',
     'INV-2024-0031'),
    ('invoice', 2, 'visit', 1, 100,
     'The external_id of the visit in an earlier visit import. The lines of one visit, one after another, are one invoice.', 'V-10023'),
    ('invoice', 3, 'service_code', 1, 30, 'The service''s code in the price list; priced as on the visit''s day.', 'CONS-GP'),
    ('invoice', 4, 'quantity', 0, 12, 'How many (more than 0, at most 1,000, up to 3 decimals). Empty means 1.', '1'),
    ('invoice', 5, 'amount_paid', 0, 16, 'A payment on this invoice: the amount, in the currency''s units. Empty: no payment on this line.',
     '30000'),
    ('invoice', 6, 'method', 0, 20, 'How it was paid: cash, mobile_money, card or bank_transfer.', 'mobile_money'),
    ('invoice', 7, 'provider', 0, 40, 'The mobile-money provider (needed for mobile money).', 'MTN Mobile Money'),
    ('invoice', 8, 'reference', 0, 60, 'The transaction reference (needed for mobile money and card).', 'MP240131.1532.A12345'),
    ('invoice', 9, 'paid_on', 0, 20, 'The day it was paid, from the visit''s day to today. Empty means the visit''s day.', '2024-01-31');
