/** Log-in, sign-up, password and mailed-link routes: 10 tries a minute per client address. */
export const AUTH_RATE_LIMIT = { max: 10, timeWindow: '1 minute' } as const;
