// The session cookie's name prefix (better-auth names it `<prefix>.session_token`); shared by the
// auth configuration and the proxy, which only looks for the cookie.
export const SESSION_COOKIE_PREFIX = 'dealboard';
