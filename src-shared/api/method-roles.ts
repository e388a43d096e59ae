import type { ApiMethodName } from './methods';

/**
 * Who may call each method; the service checks it before any handler runs, whatever the
 * transport (src-main/service/dispatch.ts). The type lists every method, so a new method does
 * not compile until its line is added here.
 *
 * - anyone: no sign-in needed, and allowed while the session is locked (sign-in itself, the
 *   connection check). Nothing here may read or change the data.
 * - viewer: read-only. sender: run campaigns, import, compose. admin: settings, operators,
 *   erasure, keys.
 */
export type MethodAccess = 'anyone' | 'viewer' | 'sender' | 'admin';

export const methodRoles: Record<ApiMethodName, MethodAccess> = {
  'app.info': 'viewer',
  // The connection check (Settings and before sign-in): answers and pushes app.pinged, nothing more.
  'app.ping': 'anyone',
  'auth.status': 'anyone',
  'auth.createFirstAdmin': 'anyone',
  'auth.login': 'anyone',
  'auth.logout': 'anyone',
  'auth.unlock': 'anyone',
  'auth.lock': 'viewer',
  'auth.activity': 'viewer',
  'auth.changePassword': 'viewer',
  'operators.list': 'admin',
  'operators.create': 'admin',
  'operators.setRole': 'admin',
  'operators.setDisabled': 'admin',
  'operators.unlock': 'admin',
  'operators.resetPassword': 'admin',
  'operators.setIdleLock': 'admin',
  'contacts.lists': 'viewer',
  'contacts.listFields': 'viewer',
  'contacts.search': 'viewer',
  'contacts.count': 'viewer',
  'contacts.create': 'sender',
  'contacts.update': 'sender',
  'contacts.delete': 'sender',
  'contacts.restore': 'sender',
  // The privacy panel reads consent history and counts; exporting a person's whole record and erasing are data-subject requests for an admin.
  'privacy.person': 'viewer',
  'privacy.exportPerson': 'admin',
  'privacy.erasePerson': 'admin',
  'privacy.retentionStatus': 'viewer',
  'contacts.optOut': 'sender',
  'contacts.optIn': 'admin',
  'contacts.optOuts': 'viewer',
  'contacts.createList': 'sender',
  'contacts.renameList': 'sender',
  'contacts.deleteList': 'sender',
  'contacts.previewImport': 'sender',
  'contacts.startImport': 'sender',
  'contacts.importStatus': 'viewer',
  'contacts.cancelImport': 'sender',
  'contacts.consents': 'viewer',
  'contacts.recordConsent': 'sender',
  'contacts.withdrawConsent': 'sender',
  'compose.testSend': 'sender',
  'compose.preview': 'viewer',
  'compose.estimate': 'viewer',
  'settings.get': 'viewer',
  'settings.update': 'admin',
  'dataLocation.get': 'viewer',
  'dataLocation.check': 'admin',
  'dataLocation.change': 'admin',
  'dataLocation.cancel': 'admin',
  'encryption.status': 'admin',
  'encryption.protectWithPassphrase': 'admin',
  'encryption.backup': 'admin',
  'inbox.threads': 'viewer',
  'inbox.thread': 'viewer',
  // Deciding on a near miss can put someone on the opt-out list, as contacts.optOut does.
  'inbox.review': 'sender',
  'keywords.get': 'viewer',
  'keywords.update': 'admin',
  'files.beginUpload': 'sender',
  'files.finishUpload': 'sender',
  'files.discardUpload': 'sender',
  'modems.list': 'viewer',
  'modems.scan': 'sender',
  'modems.startDemo': 'sender',
  'modems.enterPin': 'sender',
  'modems.checkBalance': 'sender',
  'modems.updateLimits': 'sender',
  'modems.trafficLog': 'admin',
  'campaigns.list': 'viewer',
  'campaigns.get': 'viewer',
  'campaigns.preview': 'sender',
  'campaigns.create': 'sender',
  'campaigns.start': 'sender',
  'campaigns.pause': 'sender',
  'campaigns.resume': 'sender',
  'campaigns.cancel': 'sender',
  'campaigns.messages': 'viewer',
  'campaigns.export': 'viewer',
  'campaigns.resendUnknown': 'sender',
  'campaigns.blocked': 'viewer',
  'audit.list': 'admin',
  'audit.verify': 'admin',
};

const rank: Record<Exclude<MethodAccess, 'anyone'>, number> = { viewer: 1, sender: 2, admin: 3 };

/** Whether an operator with `role` may call a method that needs `needed`. */
export function roleAllows(role: 'admin' | 'sender' | 'viewer', needed: MethodAccess): boolean {
  return needed === 'anyone' || rank[role] >= rank[needed];
}
