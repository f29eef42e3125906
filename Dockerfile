# The whole product in one image: the API serving both built SPAs. Expects an external PostgreSQL
# (DATABASE_URL); see docker-compose.yml.
FROM node:22-bookworm-slim AS build
WORKDIR /app
RUN corepack enable && corepack prepare pnpm@10.34.9 --activate
COPY pnpm-workspace.yaml pnpm-lock.yaml package.json tsconfig.base.json ./
# Patched dependencies (pnpm-workspace.yaml: patchedDependencies) are applied by the install.
COPY patches patches
COPY packages/shared/package.json packages/shared/
COPY packages/api/package.json packages/api/
COPY packages/staff-web/package.json packages/staff-web/
COPY packages/provider-portal/package.json packages/provider-portal/
RUN pnpm install --frozen-lockfile
COPY packages packages
COPY scripts scripts
RUN pnpm build && pnpm --filter @civic/api deploy --prod --legacy /out/api

FROM node:22-bookworm-slim
ENV HOST=0.0.0.0 PORT=3000 SEED_DEMO_DATA=false LOG_FORMAT=json \
    STAFF_WEB_DIST=/app/web/staff PORTAL_DIST=/app/web/portal DATA_DIR=/app/data
WORKDIR /app
COPY --from=build /out/api ./api
COPY --from=build /app/packages/staff-web/dist ./web/staff
COPY --from=build /app/packages/provider-portal/dist ./web/portal
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:3000/api/ready').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
WORKDIR /app/api
CMD ["node", "--import", "tsx", "src/server.ts"]
