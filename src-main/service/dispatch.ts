import {
  apiMethods,
  describeValidationIssues,
  errorEnvelope,
  fieldIssuesOf,
  isApiMethodName,
  okEnvelope,
  type ApiMethodName,
  type Envelope,
} from '../../src-shared/api';
import type { CallContext } from './call-context';
import type { ApiHandler, ApiHandlers } from './handlers';
import { ServiceError } from './service-error';

/**
 * Decides whether the caller may make this call (signed in, not locked, role high enough; see
 * src-shared/api/method-roles.ts) and answers with the context the handler sees, or throws a
 * ServiceError ('not-signed-in', 'locked', 'forbidden').
 */
export type AdmitCall = (method: ApiMethodName, context: CallContext) => CallContext;

/**
 * The one place a call enters the service, whatever the transport: the method name, the
 * caller's role and the arguments are checked before any handler runs, and whatever happens
 * the caller gets an envelope back.
 */
export async function dispatchCall(
  handlers: ApiHandlers,
  method: unknown,
  args: unknown,
  callerContext: CallContext,
  admit: AdmitCall,
): Promise<Envelope<unknown>> {
  if (!isApiMethodName(method)) {
    const shown = typeof method === 'string' ? `"${method.slice(0, 80)}"` : 'a request without a method name';
    return errorEnvelope('unknown-method', `Fanout does not know the request ${shown}.`);
  }
  let context: CallContext;
  try {
    context = admit(method, callerContext);
  } catch (error) {
    if (error instanceof ServiceError) return errorEnvelope(error.code, error.message, error.details);
    console.error(`Fanout: checking who may call ${method} failed:`, error);
    return errorEnvelope('internal', 'Something went wrong inside Fanout. The details were written to its log.');
  }
  const definition = apiMethods[method];
  const parsedArgs = definition.args.safeParse(args ?? {});
  if (!parsedArgs.success) {
    return errorEnvelope(
      'bad-request',
      `The request "${method}" was refused because its details are not valid.`,
      describeValidationIssues(parsedArgs.error, 'args'),
      fieldIssuesOf(parsedArgs.error),
    );
  }
  try {
    // The map is keyed by method, so the handler matches the arguments parsed by the same key.
    const handler = handlers[method] as ApiHandler<ApiMethodName>;
    const value = await handler(parsedArgs.data as never, context);
    const checked = definition.result.safeParse(value);
    if (!checked.success) {
      console.error(`Fanout: handler for ${method} broke the contract:`, checked.error.issues);
      return errorEnvelope('internal', 'Fanout made an internal mistake answering this request. Please report it.');
    }
    return okEnvelope(checked.data);
  } catch (error) {
    if (error instanceof ServiceError) return errorEnvelope(error.code, error.message, error.details, error.issues);
    console.error(`Fanout: ${method} failed:`, error);
    return errorEnvelope('internal', 'Something went wrong inside Fanout. The details were written to its log.');
  }
}
