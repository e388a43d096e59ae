// Audits API calls in one place: every handler runs as its caller (audit-scope.ts), and a
// successful call of a method in the table appends its entry. Failed calls change nothing and
// are not recorded, except a call refused for the caller's role (someone trying what they may not).
import type { ApiMethodName, ApiParsedArgs, ApiResult } from '../../../src-shared/api';
import type { Store } from '../../store';
import type { AuditActor } from '../../store/repositories/audit';
import { actorOf, type CallContext } from '../call-context';
import type { AdmitCall } from '../dispatch';
import type { ApiHandler, ApiHandlers } from '../handlers';
import { ServiceError } from '../service-error';
import { runAsActor } from './audit-scope';
import { auditedMethods, type AuditedMethods, type AuditRule } from './audited-methods';

export function withAudit(handlers: ApiHandlers, store: Store, rules: AuditedMethods = auditedMethods): ApiHandlers {
  const wrapped: Partial<Record<ApiMethodName, ApiHandler<ApiMethodName>>> = {};
  for (const method of Object.keys(handlers) as ApiMethodName[]) {
    // Keyed by method: the rule and the handler of one key take the same arguments and result.
    const handler = handlers[method] as ApiHandler<ApiMethodName>;
    const rule = rules[method] as AuditRule<ApiMethodName> | undefined;
    wrapped[method] = async (args, context) => {
      const actor = actorOf(context);
      const result = await runAsActor(actor, () => handler(args, context), method);
      if (rule) appendFor(store, rule, method, actor, args, result);
      return result;
    };
  }
  return wrapped as ApiHandlers;
}

function appendFor(
  store: Store,
  rule: AuditRule<ApiMethodName>,
  method: ApiMethodName,
  actor: AuditActor,
  args: ApiParsedArgs<ApiMethodName>,
  result: ApiResult<ApiMethodName>,
): void {
  try {
    if (rule.when && !rule.when(args, result)) return;
    store.audit.append({
      actor,
      action: rule.action,
      subject: rule.subject?.(args, result, store) ?? null,
      details: rule.details?.(args, result, store) ?? {},
    });
  } catch (error) {
    // The action itself has happened; answering with an error would make the caller think it had
    // not, and try again. The failure goes to Fanout's log, where an administrator sees it.
    console.error(`Fanout: the audit entry for ${method} could not be written:`, error);
  }
}

/**
 * Records calls refused because the caller's role is too low. "Not signed in" and "locked" are
 * not recorded: a window asks before sign-in all the time, and nobody is known to name.
 */
export function withRefusalAudit(admit: AdmitCall, store: Store, whoIs: (context: CallContext) => AuditActor): AdmitCall {
  return (method, context) => {
    try {
      return admit(method, context);
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'forbidden') {
        try {
          store.audit.append({ actor: whoIs(context), action: 'access.refused', subject: method, details: { method } });
        } catch (auditError) {
          console.error(`Fanout: the refusal of ${method} could not be audited:`, auditError);
        }
      }
      throw error;
    }
  };
}
