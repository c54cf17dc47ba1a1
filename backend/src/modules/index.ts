import type { Middleware } from 'koa';
import type { RouteDefinition } from '../http/route.ts';
import type { Services } from '../services.ts';
import { authMiddleware } from './auth/auth.middleware.ts';
import { agendaRoutes } from './agenda/agenda.routes.ts';
import { archiveOpsRoutes } from './archive/archive-ops.routes.ts';
import { archiveRoutes } from './archive/archive.routes.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { calendarRoutes } from './calendar/calendar.routes.ts';
import { classificationRoutes } from './classification/classification.routes.ts';
import { dispositionsRoutes } from './dispositions/dispositions.routes.ts';
import { dispositionSettingsRoutes } from './dispositions/settings.routes.ts';
import { filesRoutes } from './files/files.routes.ts';
import { healthRoutes } from './health/health.routes.ts';
import { importRoutes } from './import/import.routes.ts';
import { orgRoutes } from './org/org.routes.ts';
import { orgUserRoutes } from './org/org.users.routes.ts';
import { lettersRoutes } from './letters/letters.routes.ts';
import { meetingsRoutes } from './meetings/meetings.routes.ts';
import { monitoringRoutes } from './monitoring/monitoring.routes.ts';
import { reportsRoutes } from './reports/reports.routes.ts';
import { notifyRoutes } from './notify/notify.routes.ts';
import { letterReferenceRoutes } from './letters/reference.routes.ts';
import { outgoingRoutes } from './outgoing/outgoing.routes.ts';
import { verifyRoutes } from './outgoing/verify.routes.ts';
import { pkiRoutes } from './pki/pki.routes.ts';
import { ocrRoutes } from './ocr/ocr.routes.ts';
import { queueVisitsRoutes } from './queue-visits/queue-visits.routes.ts';
import { searchRoutes } from './search/search.routes.ts';

/** Every module's routes. A new module adds its factory here. */
export function moduleRoutes(services: Services): RouteDefinition<any, any, any>[] {
  return [
    ...healthRoutes(services),
    ...authRoutes(services),
    ...orgRoutes(services),
    ...orgUserRoutes(services),
    ...auditRoutes(services),
    ...searchRoutes(services),
    ...ocrRoutes(services),
    ...filesRoutes(services),
    ...lettersRoutes(services),
    ...letterReferenceRoutes(services),
    ...classificationRoutes(services),
    ...outgoingRoutes(services),
    ...verifyRoutes(services),
    ...pkiRoutes(services),
    ...calendarRoutes(services),
    // Fixed paths (/api/dispositions/settings, ...) before /api/dispositions/:id.
    ...dispositionSettingsRoutes(services),
    ...dispositionsRoutes(services),
    ...notifyRoutes(services),
    ...agendaRoutes(services),
    ...meetingsRoutes(services),
    ...monitoringRoutes(services),
    ...reportsRoutes(services),
    ...archiveRoutes(services),
    ...archiveOpsRoutes(services),
    ...importRoutes(services),
    ...queueVisitsRoutes(services),
  ];
}

/** Middleware that runs before routing for every request (authentication sets ctx.state.actor). */
export function moduleMiddleware(services: Services): Middleware[] {
  return [authMiddleware(services)];
}
