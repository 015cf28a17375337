-- 上次登录 on the home page showed the sign-in that had just happened (last_login_at is set by it). A sign-in
-- now moves the previous value here first, so the page can show when the account was used before this session.
ALTER TABLE app_user ADD COLUMN previous_login_at timestamptz;
