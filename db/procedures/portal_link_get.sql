-- portal_link_get
-- The portal panel of a patient's profile, one row: the linked account (user_account_id, username,
-- linked_at, joined_by_invitation: 1 when the patient joined with a code, 0 when an administrator
-- linked the account; NULL when none is linked), the newest invitation (invitation_status: pending, expired, used, burned or
-- revoked; invitation_created_at, invitation_expires_at, invitation_failed_attempts), and what the
-- account may do here: can_invite (portal.invite, the record is active and has no portal account),
-- can_link (portal.link, active and no account), can_unlink (portal.link and an account is linked).
-- Permission: portal.invite.
--   50209 unknown patient.
DROP PROCEDURE IF EXISTS portal_link_get;
DELIMITER $$
CREATE PROCEDURE portal_link_get(IN p_session_token VARCHAR(100), IN p_patient_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_can_link TINYINT DEFAULT 0;

    CALL actor_require(p_session_token, 'portal.invite', v_actor_id);
    CALL patient_require_active(p_patient_id, 'exists');
    SET v_can_link = actor_can(v_actor_id, 'portal.link');

    SELECT p.patient_id, pa.user_account_id, u.username, pa.linked_at,
           IF(pa.user_account_id IS NULL, NULL, pa.portal_invitation_id IS NOT NULL) AS joined_by_invitation,
           CASE WHEN i.status = 'pending' AND i.expires_at <= NOW() THEN 'expired' ELSE i.status END AS invitation_status,
           i.created_at AS invitation_created_at, i.expires_at AS invitation_expires_at,
           i.failed_attempts AS invitation_failed_attempts,
           (p.status = 'active' AND pa.user_account_id IS NULL) AS can_invite,
           (v_can_link = 1 AND p.status = 'active' AND pa.user_account_id IS NULL) AS can_link,
           (v_can_link = 1 AND pa.user_account_id IS NOT NULL) AS can_unlink
      FROM patient AS p
      LEFT JOIN portal_account AS pa ON pa.patient_id = p.patient_id
      LEFT JOIN user_account AS u ON u.user_account_id = pa.user_account_id
      LEFT JOIN portal_invitation AS i
             ON i.portal_invitation_id = (SELECT MAX(n.portal_invitation_id) FROM portal_invitation AS n WHERE n.patient_id = p.patient_id)
     WHERE p.patient_id = p_patient_id;
END$$
DELIMITER ;
