import { describe, expect, it } from 'vitest';
import {
  detectCredential,
  isPlaceholder,
  isSecretLikeName,
  shannonEntropy,
  type DetectorId,
} from '../../../shared/rules/sec/credentials.js';

// Fake credentials, assembled at run time so that secret scanners do not flag this repository.
const FAKE = {
  awsKeyId: ['AKIA', 'QWERTY2345ASDFGH'].join(''),
  awsTemporaryKeyId: ['ASIA', 'ZXCVB67234LKJHGF'].join(''),
  githubClassic: ['ghp', '_', 'a1B2c3D4e5F6'.repeat(3)].join(''),
  githubFineGrained: ['github', '_pat_', '11ABCDEFG0', 'x'.repeat(12), '_', 'Yz9'.repeat(19), 'Q', 'w'.repeat(1)].join(''),
  slackBot: ['xox', 'b-', '1234567890-', '0987654321-', 'AbCdEfGhIjKlMnOpQrStUvWx'].join(''),
  slackWebhook: ['https://hooks.slack.com/services/', 'T0ABCDEF1/', 'B0ABCDEF2/', 'q1W2e3R4t5Y6u7I8o9P0a1S2'].join(''),
  jwt: ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6ImRlbW8ifQ', 'c2lnbmF0dXJlLW5vdC1yZWFsLWF0LWFsbA'].join('.'),
  base64Key: ['q9Xw', 'Lm3Rt8Vb2Nc5Zs7Kd1Fg4Hj6Pq0Wy', 'Tu3Ei9Ao2Sx5Dc8Fv1Gb4Hn7Jm0Kl6Qp2Wr5Et8Yu1Io4Pa7Sd0Fg3Hj6Kl9Zx2Cv5Bn8Mq=='].join(''),
  pemBody: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7' + 'fakefakefakefakeFAKEFAKE0123456789',
} as const;

function detected(name: string, value: string): DetectorId | undefined {
  return detectCredential(name, value)?.detector;
}

describe('format detectors (any name)', () => {
  it.each([
    ['private-key', `-----BEGIN RSA PRIVATE KEY-----\n${FAKE.pemBody}\n-----END RSA PRIVATE KEY-----`],
    ['private-key', `-----BEGIN PRIVATE KEY-----\n${FAKE.pemBody}\n-----END PRIVATE KEY-----\n`],
    ['private-key', `-----BEGIN OPENSSH PRIVATE KEY-----\n${FAKE.pemBody}\n-----END OPENSSH PRIVATE KEY-----`],
    ['private-key', `-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,ABCDEF\n\n${FAKE.pemBody}\n-----END EC PRIVATE KEY-----`],
    ['aws-access-key-id', FAKE.awsKeyId],
    ['aws-access-key-id', `aws_access_key_id = ${FAKE.awsTemporaryKeyId}`],
    ['github-token', FAKE.githubClassic],
    ['github-token', FAKE.githubFineGrained],
    ['slack-token', FAKE.slackBot],
    ['slack-token', FAKE.slackWebhook],
    ['jwt', `Bearer ${FAKE.jwt}`],
    ['azure-storage-account-key', `DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${FAKE.base64Key};EndpointSuffix=core.windows.net`],
    ['azure-shared-access-key', `Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${FAKE.base64Key.slice(0, 44)}`],
    ['azure-shared-access-key', `HostName=contoso.azure-devices.net;DeviceId=dev1;SharedAccessKey=${FAKE.base64Key.slice(0, 44)}`],
    ['azure-sas-token', `https://contosodata.blob.core.windows.net/backups?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-01-01T00:00:00Z&sig=${encodeURIComponent(FAKE.base64Key.slice(0, 44))}`],
    ['azure-sas-token', `BlobEndpoint=https://contosodata.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&sp=r&sig=${FAKE.base64Key.slice(0, 40)}`],
    ['connection-string-password', 'Server=tcp:contoso.database.windows.net,1433;Initial Catalog=orders;User ID=app;Password=Tr0ub4dor&3x;Encrypt=True;'],
    ['connection-string-password', 'Driver={ODBC Driver 18 for SQL Server};Server=sql01;Uid=app;Pwd=N0tSoS3cret!;'],
    ['connection-string-password', 'Host=pg;Username=app;password = hunter2hunter2'],
    ['connection-string-password', 'jdbc:sqlserver://sql01:1433;databaseName=orders;user=app;password=Kf8#mQ2@vL'],
    ['url-password', 'postgres://app:Kf8mQ2vLx9@orders-db:5432/orders?sslmode=require'],
    ['url-password', 'redis://:s3cr3tRedisPw@redis-master:6379/0'],
    ['url-password', 'amqps://svc-orders:9vG2kLx7Qp@rabbitmq.shop.svc:5671/'],
  ] as const)('%s: found', (detector, value) => {
    expect(detected('VALUE', value)).toBe(detector);
  });

  it.each([
    ['AWS documentation example', 'AKIAIOSFODNN7EXAMPLE'],
    ['storage emulator', `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${FAKE.base64Key};BlobEndpoint=http://azurite:10000/devstoreaccount1;`],
    ['development storage shortcut', 'UseDevelopmentStorage=true'],
    ['empty password', 'Server=sql01;User ID=sa;Password=;'],
    ['password from another env var', 'Server=sql01;User ID=sa;Password=$(DB_PASSWORD);'],
    ['password from the pipeline', 'Server=sql01;User ID=sa;Password=#{SqlPassword}#;'],
    ['portal template', 'Server=tcp:contoso.database.windows.net;User ID=app;Password={your_password};'],
    ['envsubst', 'Host=pg;Username=app;Password=${PGPASSWORD}'],
    ['URL with a stand-in password', 'amqp://username:password@rabbitmq:5672'],
    ['URL without credentials', 'mongodb://documentdb:10260/?tls=true&tlsAllowInvalidCertificates=true'],
    ['URL with only a user', 'https://user@example.com/path'],
    ['a private key placeholder', '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----'],
    ['a public certificate', `-----BEGIN CERTIFICATE-----\n${FAKE.pemBody}\n-----END CERTIFICATE-----`],
  ])('%s: not a credential', (_case, value) => {
    expect(detectCredential('SETTING', value)).toBeUndefined();
  });
});

describe('high-entropy values under secret-like names', () => {
  it.each([
    ['API_KEY', 'a3f9c2e87b1d4f60a9e2c7b5d8f1e403'],
    ['apiKey', 'Zk3p9QvX7mL2wR8tY4nB'],
    ['JWT_SECRET', 'mySup3rS3cretJwtK3y!2024'],
    ['client-secret', 'Qx8~vN2.pL5_kR9-tW3'],
    ['SECRET_KEY_BASE', '9f8e7d6c5b4a39281706f5e4d3c2b1a0'],
    ['DB_PASSWORD', 'hJ8$kL2!pQ9z'],
    ['AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzzKEYzz'],
    ['SIGNING_KEY', '3f2b8c1e-9d4a-4e7b-8f6c-1a2b3c4d5e6f'],
  ])('%s: found', (name, value) => {
    expect(detected(name, value)).toBe('high-entropy-secret');
  });

  it.each([
    ['DB_PASSWORD', 'password', 'a stand-in word'],
    ['ORDER_QUEUE_PASSWORD', 'changeme', 'a stand-in word'],
    ['API_KEY', '<your-api-key>', 'a stand-in'],
    ['API_KEY', '${API_KEY}', 'a substitution'],
    ['API_KEY', '$(API_KEY)', 'Kubernetes env expansion'],
    ['API_KEY', '__API_KEY__', 'a token-replacement marker'],
    ['API_KEY', 'xxxxxxxxxxxxxxxx', 'a repeated character'],
    ['API_KEY', '', 'empty'],
    ['TOKEN', 'short', 'too short'],
    ['ALLOW_EMPTY_PASSWORD', 'yes', 'a flag'],
    ['SECRET_NAME', 'a3f9c2e87b1d4f60a9e2c7b5d8f1e403', 'a name that describes a secret'],
    ['KEY_VAULT_URL', 'https://kv-shop-prod.vault.azure.net/', 'a URL'],
    ['TOKEN_ENDPOINT', 'https://login.microsoftonline.com/tenant/oauth2/v2.0/token', 'a URL'],
    ['PASSWORD_FILE', '/var/run/secrets/db/password', 'a path'],
    ['TOKEN_TTL_SECONDS', '3600', 'a number'],
    ['SECRET_PROVIDER', 'azure-keyvault', 'words'],
    ['CACHE_KEY', 'user-sessions-v2', 'words with a version'],
    ['KEY_VAULT', 'kv-prod-westeu-01', 'a resource name'],
    ['PUBLIC_KEY', 'Zk3p9QvX7mL2wR8tY4nB', 'a public key'],
    ['CLIENT_ID', '3f2b8c1e-9d4a-4e7b-8f6c-1a2b3c4d5e6f', 'not a secret-like name'],
    ['TENANT', 'a3f9c2e87b1d4f60a9e2c7b5d8f1e403', 'not a secret-like name'],
    ['AUTH_MESSAGE', 'Please sign in to continue', 'prose'],
  ])('%s=%j: not a credential (%s)', (name, value) => {
    expect(detectCredential(name, value)).toBeUndefined();
  });

  it('reads a file held in one value setting by setting, and names the setting', () => {
    const properties = 'spring.datasource.url=jdbc:postgresql://pg:5432/orders\nspring.datasource.username=orders\nspring.datasource.password=Zk3p9QvX7mL2wR8tY4nB\n';
    expect(detectCredential('application.properties', properties)).toEqual({ detector: 'high-entropy-secret', setting: 'spring.datasource.password' });
    const json = '{\n  "Logging": { "LogLevel": { "Default": "Information" } },\n  "ApiKey": "a3f9c2e87b1d4f60a9e2c7b5d8f1e403",\n  "Region": "westeurope"\n}\n';
    expect(detectCredential('appsettings.json', json)).toEqual({ detector: 'high-entropy-secret', setting: 'ApiKey' });
    const clean = 'log_level: info\npassword_file: /run/secrets/pw\ntoken_ttl: 3600\n';
    expect(detectCredential('config.yaml', clean)).toBeUndefined();
  });
});

describe('helpers', () => {
  it('measures entropy in bits per character', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
    expect(shannonEntropy('0123456789abcdef')).toBe(4);
  });

  it.each([
    ['DB_PASSWORD', true],
    ['dbPassword', true],
    ['db-password', true],
    ['DBPASSWORD', true],
    ['STRIPE_APIKEY', true],
    ['clientSecret', true],
    ['GITHUB_TOKEN', true],
    ['KEY', true],
    ['PASSWORD_FILE', false],
    ['KEYCLOAK_REALM', false],
    ['MONKEY_COUNT', false],
    ['PUBLIC_KEY', false],
    ['SECRET_NAME', false],
    ['USERNAME', false],
  ])('%s is secret-like: %s', (name, expected) => {
    expect(isSecretLikeName(name)).toBe(expected);
  });

  it.each(['', '  ', 'changeme', 'CHANGE_ME', 'password', '${X}', '$(X)', '{{ .Values.pw }}', '#{Pw}#', '<password>', '{your_password}', '********', 'your-api-key-here'])(
    '%j is a placeholder',
    (value) => {
      expect(isPlaceholder(value)).toBe(true);
    },
  );

  it.each(['Tr0ub4dor&3x', 'hJ8$kL2!pQ9z'])('%j is not a placeholder', (value) => {
    expect(isPlaceholder(value)).toBe(false);
  });
});
