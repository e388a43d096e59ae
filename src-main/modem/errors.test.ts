import { describe, expect, it } from 'vitest';
import { CmeError, CmsError, SimPinRequiredError, WrongPinError, errorFromResult } from './errors';
import { parseFinalResult } from './result-codes';

function errorFor(line: string) {
  const result = parseFinalResult(line);
  if (!result) throw new Error(`${line} is not a final result`);
  return errorFromResult('AT+CMGS=20', result);
}

describe('CME/CMS errors', () => {
  it('classifies send failures: recipient, transient, SIM or modem', () => {
    expect(errorFor('+CMS ERROR: 1')).toMatchObject({
      failureClass: 'permanent-recipient',
      reason: 'Unassigned (unallocated) number',
    });
    expect(errorFor('+CMS ERROR: 42')).toMatchObject({ failureClass: 'transient', reason: 'Congestion' });
    expect(errorFor('+CMS ERROR: 331')).toMatchObject({ failureClass: 'sim-or-modem' });
    expect(errorFor('+CMS ERROR: 330')).toMatchObject({ failureClass: 'sim-or-modem' });
    expect(errorFor('+CMS ERROR: 600')).toMatchObject({ failureClass: 'transient', code: 600 });
  });

  it('names the SIM errors a user must act on', () => {
    expect(errorFor('+CME ERROR: 11')).toBeInstanceOf(SimPinRequiredError);
    expect(errorFor('+CME ERROR: 16')).toBeInstanceOf(WrongPinError);
    expect(errorFor('+CME ERROR: 16').userMessage).toMatch(/will not try it again/);
    // AT+CMEE=2 gives words instead of numbers.
    expect(errorFor('+CME ERROR: incorrect password')).toBeInstanceOf(WrongPinError);
  });

  it('keeps plain ERROR and vendor words apart from coded errors', () => {
    expect(errorFor('ERROR')).not.toBeInstanceOf(CmeError);
    expect(errorFor('COMMAND NOT SUPPORT')).not.toBeInstanceOf(CmsError);
    expect(parseFinalResult('+CMGS: 4')).toBeNull();
    expect(parseFinalResult('0')).toEqual({ kind: 'ok' });
  });
});
