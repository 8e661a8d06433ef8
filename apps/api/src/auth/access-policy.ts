import type { Role } from '@covenant/application/auth/principal';

/**
 * Who may call which route: the whole authorization matrix of the API in one table, keyed like the
 * OpenAPI operationId (`<Controller>_<method>`). The global AuthGuard enforces it, the OpenAPI document
 * publishes it (`x-covenant-access`), and the matrix e2e test derives every expected status from that
 * document, so a route missing here is refused to everyone (fail closed) and fails the test.
 *
 * Always, besides the roles listed: `admin` may call every route; `auditor` may call every GET (read-
 * only, everything, including replay, verification and export). The scoped roles (contract-manager,
 * committee, mediator) reach a resource only when its partnership is in their scope: a partnership named
 * in the token, or one a party named in the token belongs to.
 */
export type ScopedRole = Exclude<Role, 'admin' | 'auditor'>;

export type ResourceKind = 'partnership' | 'contract' | 'escalation' | 'dispute' | 'change';

export type ScopeSource =
  /** Not tied to a partnership (audit log, global feed, metrics): only admin and auditor. */
  | { from: 'none' }
  /** A list or report: scoped roles get only their partnerships' items (no counts or ids of others). */
  | { from: 'list' }
  /** The resource named by a path parameter; its partnership decides. */
  | { from: 'param'; kind: ResourceKind; param: string }
  /** A new resource whose partnership is named in the body (`partnershipId`). */
  | { from: 'body-partnership' }
  /** Forming a partnership: in scope when its id is in the token or one of its `parties` is. */
  | { from: 'new-partnership' };

export interface RoutePolicy {
  roles: readonly ScopedRole[];
  scope: ScopeSource;
}

export type AccessPolicy = RoutePolicy | 'public';

const CM = 'contract-manager';
const CO = 'committee';
const ME = 'mediator';
const param = (kind: ResourceKind, name = 'id'): ScopeSource => ({ from: 'param', kind, param: name });
const LIST: ScopeSource = { from: 'list' };
const NONE: RoutePolicy = { roles: [], scope: { from: 'none' } };

export const ACCESS_POLICY: Readonly<Record<string, AccessPolicy>> = {
  // Liveness and readiness answer anyone (orchestrators probe them without tokens).
  HealthController_health: 'public',

  // Partnerships
  PartnershipsController_form: { roles: [CM], scope: { from: 'new-partnership' } },
  PartnershipsController_adoptCharter: { roles: [CM], scope: param('partnership') },
  PartnershipsController_appoint: { roles: [CM], scope: param('partnership') },
  PartnershipsController_remove: { roles: [CM], scope: param('partnership') },
  PartnershipsController_stage: { roles: [CM], scope: param('partnership') },
  // Committees hold the business reviews and assess the partnership's health.
  PartnershipsController_review: { roles: [CM, CO], scope: param('partnership') },
  PartnershipsController_assess: { roles: [CM, CO], scope: param('partnership') },
  PartnershipQueriesController_list: { roles: [CM, CO, ME], scope: LIST },
  PartnershipQueriesController_read: { roles: [CM, CO, ME], scope: param('partnership') },
  PartnershipQueriesController_health: { roles: [CM, CO], scope: param('partnership') },
  PartnershipQueriesController_timeline: { roles: [CM, CO, ME], scope: param('partnership') },
  PartnershipReplayController_state: { roles: [CM, CO, ME], scope: param('partnership') },

  // Contracts: contract managers record; committees and mediators read.
  ContractsController_draft: { roles: [CM], scope: { from: 'body-partnership' } },
  ContractsController_attach: { roles: [CM], scope: param('contract') },
  ContractsController_revise: { roles: [CM], scope: param('contract') },
  ContractsController_sign: { roles: [CM], scope: param('contract') },
  ContractsController_activate: { roles: [CM], scope: param('contract') },
  ContractSlaController_measure: { roles: [CM], scope: param('contract') },
  ContractSlaController_reportBreach: { roles: [CM], scope: param('contract') },
  ContractSlaController_waive: { roles: [CM], scope: param('contract') },
  ContractExitController_renewal: { roles: [CM], scope: param('contract') },
  ContractExitController_terminate: { roles: [CM], scope: param('contract') },
  ContractExitController_completeStep: { roles: [CM], scope: param('contract') },
  ContractExitController_close: { roles: [CM], scope: param('contract') },
  ChangesController_requestChange: { roles: [CM], scope: param('contract') },
  ChangesController_requestAmendment: { roles: [CM], scope: param('contract') },
  EscalationsController_raise: { roles: [CM], scope: param('contract') },
  DisputesController_open: { roles: [CM], scope: param('contract') },
  ContractQueriesController_list: { roles: [CM, CO], scope: LIST },
  ContractQueriesController_read: { roles: [CM, CO, ME], scope: param('contract') },
  ContractHistoryController_history: { roles: [CM, CO, ME], scope: param('contract') },
  ContractSlaComplianceController_compliance: { roles: [CM, CO], scope: param('contract') },

  // Changes: committees decide (the domain checks the decision right of the person on the day).
  ChangesController_approve: { roles: [CM, CO], scope: param('change', 'changeId') },
  ChangesController_reject: { roles: [CM, CO], scope: param('change', 'changeId') },
  ChangesController_refer: { roles: [CM, CO], scope: param('change', 'changeId') },
  ChangesController_conclude: { roles: [CM, CO], scope: param('change', 'changeId') },
  ChangeQueriesController_changes: { roles: [CM, CO], scope: LIST },
  ChangeQueriesController_change: { roles: [CM, CO], scope: param('change', 'changeId') },
  ChangeQueriesController_pending: { roles: [CM, CO], scope: LIST },

  // Escalations: the tier that owns the level answers.
  EscalationsController_escalate: { roles: [CM, CO], scope: param('escalation', 'escalationId') },
  EscalationsController_resolve: { roles: [CM, CO], scope: param('escalation', 'escalationId') },
  EscalationQueriesController_escalations: { roles: [CM, CO], scope: LIST },
  EscalationQueriesController_escalation: { roles: [CM, CO], scope: param('escalation', 'escalationId') },
  EscalationQueriesController_overdue: { roles: [CM, CO], scope: LIST },

  // Disputes: parties' contract managers act; mediators review.
  DisputesController_advance: { roles: [CM], scope: param('dispute', 'disputeId') },
  DisputesController_schedule: { roles: [CM], scope: param('dispute', 'disputeId') },
  DisputesController_submitPaper: { roles: [CM], scope: param('dispute', 'disputeId') },
  DisputesController_resolve: { roles: [CM], scope: param('dispute', 'disputeId') },
  DisputeQueriesController_disputes: { roles: [CM, CO, ME], scope: LIST },
  DisputeQueriesController_dispute: { roles: [CM, CO, ME], scope: param('dispute', 'disputeId') },

  // Committee reports
  RenewalsReportController_renewals: { roles: [CM, CO], scope: LIST },
  SlaComplianceReportController_report: { roles: [CM, CO], scope: LIST },
  PortfolioReportController_report: { roles: [CM, CO], scope: LIST },
  HealthReportController_report: { roles: [CM, CO], scope: LIST },
  // Who must act by when: the people concerned read their partnerships' notifications.
  NotificationsController_list: { roles: [CM, CO, ME], scope: LIST },

  // Audit, the global feed and operations: admin and auditor only.
  AuditController_checkpoints: NONE,
  AuditController_proof: NONE,
  AuditController_consistency: NONE,
  AuditController_verify: NONE,
  AuditController_publicKey: NONE,
  AuditExportController_export: NONE,
  AccessLogController_list: NONE,
  EventsController_feed: NONE,
  MetricsController_scrape: NONE,
  // Webhook deliveries that failed: operations (the requeue is a POST: admin only).
  WebhookDeadLettersController_list: NONE,
  WebhookDeadLettersController_requeue: NONE,
};

/** The key of a handler in ACCESS_POLICY (the operationId @nestjs/swagger gives it). */
export const policyKey = (controller: string, method: string): string => `${controller}_${method}`;
