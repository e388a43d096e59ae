/** Who is calling, as far as the transport can tell. Roles and sessions come with operator accounts. */
export interface CallContext {
  transport: 'electron' | 'serve' | 'cli' | 'test';
}
