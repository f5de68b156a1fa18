/** The password of every demo sign-in (`pnpm start`'s demo office); shown on the sign-in page in demo mode only. */
export const DEMO_PASSWORD = 'demo1234';
