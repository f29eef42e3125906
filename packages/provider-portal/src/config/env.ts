/** Build-time settings of the provider portal. The API is always same-origin in production. */
export const env = {
  apiBase: (import.meta.env.VITE_API_BASE as string | undefined) ?? '/api/v1',
  basename: '/portal',
  staffAppUrl: '/',
} as const;
