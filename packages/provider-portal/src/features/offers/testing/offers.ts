import type { PortalOffer } from '@civic/shared/queue';

/** A portal offer as the API sends it, for this feature's tests. */
export function portalOffer(over: Partial<PortalOffer> = {}): PortalOffer {
  return {
    id: '10000000-0000-4000-8000-000000000001',
    groupId: '20000000-0000-4000-8000-000000000001',
    unit: { id: '30000000-0000-4000-8000-000000000001', name: 'Kotikallio Kallio', district: 'Kallio' },
    serviceType: {
      id: '40000000-0000-4000-8000-000000000001',
      code: 'service_housing_24h',
      names: {
        fi: 'Ympärivuorokautinen palveluasuminen',
        sv: 'Serviceboende med heldygnsomsorg',
        en: '24-hour service housing',
      },
    },
    vacancyId: '50000000-0000-4000-8000-000000000001',
    client: {
      firstName: 'Orvokki',
      lastName: 'Salminen',
      age: 88,
      language: 'fi',
      needs: [
        {
          id: '60000000-0000-4000-8000-000000000001',
          code: 'dementia_secure',
          names: {
            fi: 'Muistisairaiden suljettu yksikkö',
            sv: 'Låst demensenhet',
            en: 'Secure dementia unit',
          },
        },
      ],
    },
    coupleOfferId: null,
    status: 'proposed',
    intendedMoveIn: '2026-12-05',
    offeredAt: '2026-12-02T08:00:00.000Z',
    responseDueAt: '2026-12-03T08:00:00.000Z',
    moveInDueOn: null,
    movedInOn: null,
    note: null,
    timeline: [
      {
        at: '2026-12-02T08:00:00.000Z',
        kind: 'offered',
        actor: 'carecoord',
        actorSide: 'city',
        reason: null,
        detail: {},
      },
    ],
    ...over,
  };
}
