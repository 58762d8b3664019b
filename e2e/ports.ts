/** Where the end-to-end tests run the sync server and the renderer's production build. */
export const SERVER_PORT = Number(process.env.KINDRED_E2E_SERVER_PORT ?? 18787);
export const APP_PORT = Number(process.env.KINDRED_E2E_APP_PORT ?? 14173);
export const SERVER_URL = `http://127.0.0.1:${SERVER_PORT}`;
export const APP_URL = `http://127.0.0.1:${APP_PORT}`;
