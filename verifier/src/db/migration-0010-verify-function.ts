/**
 * Migration 0010 (PostgreSQL only): the verify API's database work as server-side functions, so a
 * verify costs one round trip to read and count and, when a code was compared, one to write its
 * outcome (see verification/verify-on-postgres.ts). Released text: never edit, add a migration.
 * Uses only tables and columns of migrations 0001-0007. The numbers of the rules (delays, free
 * failures, the lock, the burst gap) are arguments, so they stay in throttle-policy.ts and beside
 * the TypeScript they mirror; audit details are written as JSON.stringify writes them.
 */
export const VERIFY_FUNCTIONS: readonly string[] = [
  // twoFactorStatus(...) === 'Activated' with the effective method 'totp' (policy/two-factor-status.ts,
  // settings.effectiveMethod, grace/grace-period.ts); verify-on-postgres.test.ts compares the two.
  `CREATE OR REPLACE FUNCTION verify_totp_checkable(
     p_source text, p_method text, p_methods text, p_system integer, p_is_default integer,
     p_group integer, p_user integer, p_has_credential boolean, p_grace_end bigint, p_now bigint)
   RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
     SELECT p_source = 'local'
       AND CASE WHEN p_methods::jsonb @> to_jsonb(p_method) THEN p_method
                ELSE coalesce(p_methods::jsonb ->> 0, 'totp') END = 'totp'
       AND (p_now >= p_grace_end OR (p_system = 1 AND (p_is_default = 1 OR p_group = 1) AND p_user = 1))
       AND p_has_credential
   $$`,
  // attempt-throttle.ts takeAttempt: 0 when the attempt may go ahead, else the milliseconds to wait.
  // p_delays[n] is the delay after the n-th failure; its last element is the cap.
  `CREATE OR REPLACE FUNCTION verify_take_attempt(
     p_source text, p_username text, p_now bigint, p_forget_before bigint, p_delays bigint[],
     p_free integer)
   RETURNS bigint LANGUAGE plpgsql AS $$
   DECLARE
     v_next bigint;
     v_cap bigint := p_delays[array_length(p_delays, 1)];
   BEGIN
     INSERT INTO attempt_throttle AS t (source, username, failures, next_attempt_at)
     VALUES (p_source, p_username, 1, p_now + p_delays[1])
     ON CONFLICT (source) DO UPDATE
       SET failures = CASE WHEN t.next_attempt_at < p_forget_before THEN 1 ELSE t.failures + 1 END,
           next_attempt_at = p_now + CASE WHEN t.next_attempt_at < p_forget_before THEN p_delays[1]
                                          ELSE coalesce(p_delays[t.failures + 1], v_cap) END
       WHERE t.next_attempt_at <= p_now OR t.failures <= p_free;
     IF FOUND THEN RETURN 0; END IF;
     SELECT t.next_attempt_at INTO v_next FROM attempt_throttle t WHERE t.source = p_source;
     RETURN greatest(1, coalesce(v_next, p_now) - p_now);
   END
   $$`,
  // audit-log.ts writeRefusalAudit: one entry per burst of refusals.
  `CREATE OR REPLACE FUNCTION verify_refusal_audit(
     p_at bigint, p_actor text, p_target text, p_ip text, p_detail text, p_since bigint)
   RETURNS void LANGUAGE plpgsql AS $$
   BEGIN
     UPDATE audit_log SET repeats = repeats + 1, last_at = p_at
     WHERE id = (SELECT a.id FROM audit_log a
                 WHERE a.ip = p_ip AND a.event = 'api.verify_failed' AND a.target = p_target
                   AND a.detail = p_detail AND a.last_at >= p_since
                 ORDER BY a.id DESC LIMIT 1);
     IF NOT FOUND THEN
       INSERT INTO audit_log (at, actor, event, target, ip, detail, last_at)
       VALUES (p_at, p_actor, 'api.verify_failed', p_target, p_ip, p_detail, p_at);
     END IF;
   END
   $$`,
  // Round trip 1: the key, the subject and the attempt, in the order of verify-in-steps.ts. No row:
  // the key is unknown or revoked. A row with an answer: decided without comparing a code. A row
  // without: compare the code with the returned credential, then call verify_accept or verify_reject.
  `CREATE OR REPLACE FUNCTION verify_begin(
     p_key_hash text, p_username text, p_blank boolean, p_now bigint, p_ip text,
     p_stale_before bigint, p_forget_before bigint, p_delays bigint[], p_free integer,
     p_lock_after integer, p_burst_since bigint)
   RETURNS TABLE (answer text, actor text, source text, user_id integer, attempts integer,
     key_id text, secret_box text, algorithm text, digits integer, period integer, drift integer,
     last_step bigint, verification_window integer)
   LANGUAGE plpgsql AS $$
   #variable_conflict use_column
   DECLARE
     k record;
     s record;
     v_found boolean;
     v_attempts integer;
     v_actor text;
     v_source text;
   BEGIN
     SELECT a.id, a.name, a.last_used_at INTO k FROM api_keys a
     WHERE a.key_hash = p_key_hash AND a.revoked_at IS NULL;
     IF NOT FOUND THEN RETURN; END IF;
     -- api-keys.ts noteApiKeyUse: at most one write a minute.
     IF k.last_used_at IS NULL OR k.last_used_at < p_stale_before THEN
       UPDATE api_keys SET last_used_at = p_now
       WHERE id = k.id AND (last_used_at IS NULL OR last_used_at < p_stale_before);
     END IF;
     v_actor := 'api:' || k.name;
     v_source := 'api:' || k.id || ':' || p_username; -- attempt-source.ts apiKeySource
     actor := v_actor;
     source := v_source;
     SELECT u.id, u.locked_at, c.key_id, c.secret_box, c.algorithm, c.digits, c.period, c.drift,
            c.last_step, st.verification_window,
            verify_totp_checkable(u.source, u.method, st.methods, st.two_factor_enabled,
              g.is_default, g.two_factor_enabled, u.two_factor_enabled, c.user_id IS NOT NULL,
              coalesce(st.grace_extended_until, st.created_at + st.grace_days * 86400000::bigint),
              p_now) AS checkable
       INTO s
       FROM users u
       JOIN groups g ON g.id = u.group_id
       JOIN settings st ON st.id = 1
       LEFT JOIN credentials c ON c.user_id = u.id
      WHERE u.username = p_username;
     v_found := FOUND;
     IF NOT v_found OR NOT s.checkable THEN
       -- Unknown names and users whose codes this API cannot check answer like a wrong code.
       IF verify_take_attempt(v_source, p_username, p_now, p_forget_before, p_delays, p_free) > 0 THEN
         PERFORM verify_refusal_audit(p_now, v_actor, p_username, p_ip, '{"reason":"throttled"}', p_burst_since);
         answer := 'throttled';
       ELSE
         INSERT INTO audit_log (at, actor, event, target, ip, detail)
         VALUES (p_now, v_actor, 'api.verify_failed', p_username, p_ip,
                 CASE WHEN v_found THEN '{"reason":"not_enrolled"}' ELSE '{"reason":"invalid_code"}' END);
         answer := 'invalid_code';
       END IF;
       RETURN NEXT;
       RETURN;
     END IF;
     IF p_blank THEN
       INSERT INTO audit_log (at, actor, event, target, ip, detail)
       VALUES (p_now, v_actor, 'api.verify_failed', p_username, p_ip, '{"reason":"invalid_code"}');
       answer := 'invalid_code';
       RETURN NEXT;
       RETURN;
     END IF;
     IF s.locked_at IS NOT NULL THEN
       PERFORM verify_refusal_audit(p_now, v_actor, p_username, p_ip, '{"reason":"locked"}', p_burst_since);
       answer := 'locked';
       RETURN NEXT;
       RETURN;
     END IF;
     IF verify_take_attempt(v_source, p_username, p_now, p_forget_before, p_delays, p_free) > 0 THEN
       PERFORM verify_refusal_audit(p_now, v_actor, p_username, p_ip, '{"reason":"throttled"}', p_burst_since);
       answer := 'throttled';
       RETURN NEXT;
       RETURN;
     END IF;
     -- code-failures.ts takeCodeAttempt: counted against the hard lock before the code is compared.
     UPDATE users SET code_failures = code_failures + 1
     WHERE id = s.id AND locked_at IS NULL AND code_failures < p_lock_after
     RETURNING code_failures INTO v_attempts;
     IF NOT FOUND THEN
       PERFORM verify_refusal_audit(p_now, v_actor, p_username, p_ip, '{"reason":"locked"}', p_burst_since);
       answer := 'locked';
       RETURN NEXT;
       RETURN;
     END IF;
     answer := NULL;
     user_id := s.id;
     attempts := v_attempts;
     key_id := s.key_id;
     secret_box := s.secret_box;
     algorithm := s.algorithm;
     digits := s.digits;
     period := s.period;
     drift := s.drift;
     last_step := s.last_step;
     verification_window := s.verification_window;
     RETURN NEXT;
   END
   $$`,
  // Round trip 2 of a right code (accept-code.ts and giveBackCodeTry): the replay mark, then either
  // the counters cleared and the success audited, or the replay audited and the attempt given back.
  `CREATE OR REPLACE FUNCTION verify_accept(
     p_user_id integer, p_step bigint, p_drift integer, p_source text, p_now bigint, p_actor text,
     p_target text, p_ip text, p_detail text)
   RETURNS boolean LANGUAGE plpgsql AS $$
   BEGIN
     UPDATE credentials SET last_step = p_step, drift = p_drift
     WHERE user_id = p_user_id AND last_step < p_step;
     IF FOUND THEN
       DELETE FROM attempt_throttle WHERE source = p_source;
       UPDATE users SET code_failures = 0 WHERE id = p_user_id AND code_failures > 0;
       INSERT INTO audit_log (at, actor, event, target, ip, detail)
       VALUES (p_now, p_actor, 'api.verify_ok', p_target, p_ip, p_detail);
       RETURN true;
     END IF;
     INSERT INTO audit_log (at, actor, event, target, ip, detail)
     VALUES (p_now, p_actor, 'api.verify_failed', p_target, p_ip, '{"reason":"replayed"}');
     UPDATE attempt_throttle
        SET failures = CASE WHEN failures > 0 THEN failures - 1 ELSE 0 END, next_attempt_at = p_now
      WHERE source = p_source;
     UPDATE users SET code_failures = code_failures - 1 WHERE id = p_user_id AND code_failures > 0;
     RETURN false;
   END
   $$`,
  // Round trip 2 of a wrong code (code-failures.ts lockWhenExhausted, then the failure's audit).
  `CREATE OR REPLACE FUNCTION verify_reject(
     p_user_id integer, p_attempts integer, p_lock_after integer, p_now bigint, p_actor text,
     p_target text, p_ip text)
   RETURNS void LANGUAGE plpgsql AS $$
   BEGIN
     IF p_attempts >= p_lock_after THEN
       UPDATE users SET locked_at = p_now WHERE id = p_user_id AND locked_at IS NULL;
       IF FOUND THEN
         INSERT INTO audit_log (at, actor, event, target, ip, detail)
         VALUES (p_now, p_actor, 'account.locked', p_target, p_ip,
                 '{"consecutiveFailures":' || p_attempts || '}');
       END IF;
     END IF;
     INSERT INTO audit_log (at, actor, event, target, ip, detail)
     VALUES (p_now, p_actor, 'api.verify_failed', p_target, p_ip, '{"reason":"invalid_code"}');
   END
   $$`,
];
