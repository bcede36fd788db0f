-- 0055_action_permissions.sql
-- Two permissions for acting on someone else's work, so that the rules "the issuing doctor or an
-- administrator cancels a prescription" and "a doctor calls in and completes their own queue
-- patients; an administrator any doctor's" name a permission instead of a role (the functions
-- prescription_action_refusal and queue_action_refusal, which both the procedures and the can_*
-- flags of the lists use). Held by administrators, as before.

INSERT INTO permission (permission_code, description) VALUES
    ('prescription.cancel_any', 'Cancel a prescription another doctor issued'),
    ('queue.call_any', 'Call in or complete a queue patient of any doctor');

INSERT INTO role_permission (role_code, permission_code) VALUES
    ('admin', 'prescription.cancel_any'),
    ('admin', 'queue.call_any');
