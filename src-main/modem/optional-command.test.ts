import { describe, expect, it } from 'vitest';
import { AtChannel } from './at-channel';
import { AtResyncError, EssentialCommandSilentError } from './errors';
import { OptionalCommands, sendEssential } from './optional-command';
import { parseTranscript, TranscriptPort } from './testing/transcript-port';

function channelFor(transcript: string): { port: TranscriptPort; channel: AtChannel } {
  const port = new TranscriptPort(parseTranscript(transcript));
  const channel = new AtChannel(port, { path: 'replay', defaultTimeoutMs: 300, settleMs: 50 });
  port.start();
  return { port, channel };
}

describe('optional commands during an open', () => {
  it('a silent one is recorded and warned about; the marker resynchronises before the next command', async () => {
    const { port, channel } = channelFor(
      [
        '> AT+CSCS="GSM"\\r',
        '> ATS3?\\r',
        '< \\r\\n013\\r\\n\\r\\nOK\\r\\n',
        '> AT+CNMI=2,1,0,2,0\\r',
        '< \\r\\n+CMS ERROR: 303\\r\\n',
        '> AT+CNMI=2,1,0,1,0\\r',
        '< \\r\\nOK\\r\\n',
      ].join('\n'),
    );
    const optional = new OptionalCommands(channel, 150);
    expect(await optional.send('AT+CSCS="GSM"')).toBeNull();
    expect(await optional.send('AT+CNMI=2,1,0,2,0')).toBeNull();
    expect(await optional.send('AT+CNMI=2,1,0,1,0')).toEqual([]);
    expect(optional).toMatchObject({
      unanswered: ['AT+CSCS="GSM"'],
      refused: [{ command: 'AT+CNMI=2,1,0,2,0', answer: '+CMS ERROR: 303' }],
      applied: ['AT+CNMI=2,1,0,1,0'],
    });
    expect(optional.warnings).toEqual([
      'The modem did not answer AT+CSCS="GSM" within 150 ms; Fanout carried on without it.',
    ]);
    const log = channel.log.exportText();
    expect(log).toContain('warning: optional AT+CSCS="GSM" unanswered');
    expect(log).toContain('in step with the modem again');
    expect(port.mismatches).toEqual([]);
    expect(port.remaining).toEqual([]);
  });

  it('a modem that answers neither the command nor the marker is not carried on from', async () => {
    const { channel } = channelFor(['> AT+CSCS="GSM"\\r', '> ATS3?\\r'].join('\n'));
    const optional = new OptionalCommands(channel, 100);
    expect(await optional.send('AT+CSCS="GSM"')).toBeNull();
    await expect(optional.send('AT+CPMS?')).rejects.toBeInstanceOf(AtResyncError);
    expect(optional.unanswered).toEqual(['AT+CSCS="GSM"']);
  });

  it('an essential command that stays silent fails with its name and purpose', async () => {
    const { channel } = channelFor('> AT+CMGF=0\\r');
    const error = await sendEssential(channel, 'AT+CMGF=0', 'switching to PDU mode').catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(EssentialCommandSilentError);
    expect(error).toMatchObject({ command: 'AT+CMGF=0', timeoutMs: 300, purpose: 'switching to PDU mode' });
  });

  it('reports a command sent twice once, as it went the second time (identification after a PIN unlock)', async () => {
    const { channel } = channelFor(['> AT+CGSN\\r', '< \\r\\n+CME ERROR: 10\\r\\n', '> AT+CGSN\\r', '< \\r\\n868345031234566\\r\\n\\r\\nOK\\r\\n'].join('\n'));
    const optional = new OptionalCommands(channel, 150);
    expect(await optional.send('AT+CGSN')).toBeNull();
    expect(await optional.send('AT+CGSN')).toEqual(['868345031234566']);
    expect(optional).toMatchObject({ applied: ['AT+CGSN'], refused: [], unanswered: [] });
  });
});
