import { applicantRouter } from './routers/applicant';
import { backofficeRouter } from './routers/backoffice';
import { devRouter } from './routers/dev';
import { router } from './trpc';

/**
 * The whole API, dev.* included: its type is the contract the desktop's sync imports (type only).
 * A portal started without PORTAL_DEV=1 serves `productionRouter`, where dev.* does not exist.
 */
export const portalRouter = router({
  dev: devRouter,
  applicant: applicantRouter,
  backoffice: backofficeRouter,
});

export type PortalRouter = typeof portalRouter;

const productionRouter = router({
  applicant: applicantRouter,
  backoffice: backofficeRouter,
});

/** The router to serve: with dev.* only in development. */
export function routerFor(dev: boolean) {
  return dev ? portalRouter : productionRouter;
}
