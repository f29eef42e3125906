/** Build-time settings of the staff app. The API is always same-origin in production. */
export const env = {
  apiBase: (import.meta.env.VITE_API_BASE as string | undefined) ?? '/api/v1',
  portalUrl: '/portal/',
} as const;
