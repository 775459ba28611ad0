import path from 'node:path';
import { loadBaseConfig } from '../src/config';
import { runCli, UsageError } from '../src/cli/context';
import { promptSecret } from '../src/cli/prompt';
import { sendPassphrase } from '../src/sealed/unseal-channel';
import { UNSEAL_SOCKET } from '../src/sealed/sealed-server';

runCli(async () => {
  const { dataDir } = loadBaseConfig();
  const socket = path.join(dataDir, UNSEAL_SOCKET);
  const passphrase = await promptSecret('Passphrase to unseal Exposure Check: ');
  const reply = await sendPassphrase(socket, passphrase);
  if (!reply.ok) throw new UsageError(`not unsealed: ${reply.error}`);
  console.log('Unsealed: the server now answers checks. The key is held in its memory only.');
  return 0;
});
