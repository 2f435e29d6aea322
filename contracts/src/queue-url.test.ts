import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { parseQueueUrl } from './queue-url.js';

const LOCAL = 'http://127.0.0.1:9324';
const options = { allowedOrigins: [LOCAL, 'HTTP://Sqs.Eu-West-1.Local:4566/'] };
const ACCOUNT = '123456789012';
const AWS = 'https://sqs.us-east-1.amazonaws.com';

/** Input and the canonical URL it must parse to. */
const accepted: readonly [input: string, canonical: string][] = [
  [`${AWS}/${ACCOUNT}/orders`, `${AWS}/${ACCOUNT}/orders`],
  [`  ${AWS}/${ACCOUNT}/orders \n`, `${AWS}/${ACCOUNT}/orders`],
  [`${AWS}/${ACCOUNT}/orders/`, `${AWS}/${ACCOUNT}/orders`],
  [`${AWS}/${ACCOUNT}/Orders_2-b`, `${AWS}/${ACCOUNT}/Orders_2-b`],
  [`${AWS}/${ACCOUNT}/events.fifo`, `${AWS}/${ACCOUNT}/events.fifo`],
  [
    `${AWS}/${ACCOUNT}/${'q'.repeat(80)}`,
    `${AWS}/${ACCOUNT}/${'q'.repeat(80)}`,
  ],
  [
    `${AWS}/${ACCOUNT}/${'q'.repeat(75)}.fifo`,
    `${AWS}/${ACCOUNT}/${'q'.repeat(75)}.fifo`,
  ],
  [
    `HTTPS://SQS.US-EAST-1.AMAZONAWS.COM/${ACCOUNT}/Orders`,
    `${AWS}/${ACCOUNT}/Orders`,
  ],
  [
    `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/q`,
    `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/q`,
  ],
  [
    `https://sqs.ap-southeast-2.amazonaws.com/${ACCOUNT}/q`,
    `https://sqs.ap-southeast-2.amazonaws.com/${ACCOUNT}/q`,
  ],
  [
    `https://sqs.cn-north-1.amazonaws.com.cn/${ACCOUNT}/q`,
    `https://sqs.cn-north-1.amazonaws.com.cn/${ACCOUNT}/q`,
  ],
  [
    `https://sqs.cn-northwest-1.amazonaws.com.cn/${ACCOUNT}/q`,
    `https://sqs.cn-northwest-1.amazonaws.com.cn/${ACCOUNT}/q`,
  ],
  [
    `https://sqs.us-gov-west-1.amazonaws.com/${ACCOUNT}/q`,
    `https://sqs.us-gov-west-1.amazonaws.com/${ACCOUNT}/q`,
  ],
  [
    `https://sqs.us-gov-east-1.amazonaws.com/${ACCOUNT}/q`,
    `https://sqs.us-gov-east-1.amazonaws.com/${ACCOUNT}/q`,
  ],
  [
    `https://sqs-fips.us-east-2.amazonaws.com/${ACCOUNT}/q`,
    `https://sqs-fips.us-east-2.amazonaws.com/${ACCOUNT}/q`,
  ],
  [
    `https://sqs-fips.us-gov-west-1.amazonaws.com/${ACCOUNT}/q`,
    `https://sqs-fips.us-gov-west-1.amazonaws.com/${ACCOUNT}/q`,
  ],
  [
    `https://eu-central-1.queue.amazonaws.com/${ACCOUNT}/q`,
    `https://sqs.eu-central-1.amazonaws.com/${ACCOUNT}/q`,
  ],
  [`https://queue.amazonaws.com/${ACCOUNT}/q`, `${AWS}/${ACCOUNT}/q`],
  [`arn:aws:sqs:us-east-1:${ACCOUNT}:orders`, `${AWS}/${ACCOUNT}/orders`],
  [
    `arn:aws:sqs:eu-west-3:${ACCOUNT}:events.fifo`,
    `https://sqs.eu-west-3.amazonaws.com/${ACCOUNT}/events.fifo`,
  ],
  [
    `arn:aws-cn:sqs:cn-north-1:${ACCOUNT}:q`,
    `https://sqs.cn-north-1.amazonaws.com.cn/${ACCOUNT}/q`,
  ],
  [
    `arn:aws-us-gov:sqs:us-gov-east-1:${ACCOUNT}:q`,
    `https://sqs.us-gov-east-1.amazonaws.com/${ACCOUNT}/q`,
  ],
  [`${LOCAL}/000000000000/chat-events`, `${LOCAL}/000000000000/chat-events`],
  [`${LOCAL}/000000000000/chat-events/`, `${LOCAL}/000000000000/chat-events`],
  [`${LOCAL}/1/jobs.fifo`, `${LOCAL}/1/jobs.fifo`],
  [
    'http://sqs.eu-west-1.local:4566/000000000000/q',
    'http://sqs.eu-west-1.local:4566/000000000000/q',
  ],
];

/** Input and a fragment of the reason the error must give. */
const rejected: readonly [input: string, reason: string][] = [
  [`https://user:pw@sqs.us-east-1.amazonaws.com/${ACCOUNT}/q`, 'character'],
  [`https://@sqs.us-east-1.amazonaws.com/${ACCOUNT}/q`, 'character'],
  [`${AWS}/${ACCOUNT}/q#fragment`, 'character'],
  [`${AWS}/${ACCOUNT}/q?Action=SendMessage`, 'character'],
  [`${AWS}/${ACCOUNT}/q?`, 'character'],
  ['http://2130706433:9324/000000000000/q', 'plain host name'],
  ['http://0x7f.1:9324/000000000000/q', 'plain host name'],
  ['http://0177.0.0.1:9324/000000000000/q', 'plain host name'],
  ['http://127.1:9324/000000000000/q', 'plain host name'],
  ['http://[::ffff:127.0.0.1]:9324/000000000000/q', 'character'],
  ['http://[::1]:9324/000000000000/q', 'character'],
  [`https://sqs.us-east-1.amazonaws.com.evil.com/${ACCOUNT}/q`, 'host'],
  [`https://sqs.us-east-1.amazonaws.co/${ACCOUNT}/q`, 'host'],
  [`https://evilamazonaws.com/${ACCOUNT}/q`, 'host'],
  [`https://sqs.us-east-1.amazonaws.com./${ACCOUNT}/q`, 'host'],
  [`https://sqs.us-east-1.evilamazonaws.com/${ACCOUNT}/q`, 'host'],
  [`https://xsqs.us-east-1.amazonaws.com/${ACCOUNT}/q`, 'host'],
  [`https://sqs.us-east-1.amazonaws.com:443/${ACCOUNT}/q`, 'port'],
  [`https://sqs.us-east-1.amazonaws.com:8443/${ACCOUNT}/q`, 'port'],
  [`https://sqs.us-east-1.amazonaws.com:/${ACCOUNT}/q`, 'port'],
  [`http://sqs.us-east-1.amazonaws.com/${ACCOUNT}/q`, 'https'],
  [`ftp://sqs.us-east-1.amazonaws.com/${ACCOUNT}/q`, 'https'],
  ['file:///etc/passwd', 'scheme "file:"'],
  ['ftp://sqs.us-east-1.amazonaws.com/123456789012/q', 'https'],
  ['gopher://127.0.0.1:9324/000000000000/q', 'scheme "gopher:"'],
  ['javascript:alert(1)', 'character'],
  ['javascript://sqs.us-east-1.amazonaws.com/%0aalert(1)', 'character'],
  ['http://169.254.169.254/latest/meta-data/', 'host'],
  ['http://169.254.169.254/123456789012/q', 'host'],
  ['http://localhost:9324/000000000000/q', 'host'],
  ['http://127.0.0.1:9325/000000000000/q', 'host'],
  ['https://127.0.0.1:9324/000000000000/q', 'host'],
  [AWS, 'path'],
  [`${AWS}/`, 'path'],
  [`${AWS}/${ACCOUNT}`, 'path'],
  [`${AWS}/${ACCOUNT}/q/extra`, 'path'],
  [`${AWS}//${ACCOUNT}/q`, 'path'],
  [`${AWS}/${ACCOUNT}/./q`, 'path'],
  [`${AWS}/${ACCOUNT}/x/../q`, 'path'],
  [`${LOCAL}/000000000000`, 'path'],
  [`${LOCAL}/000000000000/q/extra`, 'path'],
  [`${LOCAL}/account/q`, 'digits'],
  [`https://sqs.useast1.amazonaws.com/${ACCOUNT}/q`, 'host'],
  [`https://sqs.us-east-12.amazonaws.com/${ACCOUNT}/q`, 'host'],
  [`https://sqs.us-east.amazonaws.com/${ACCOUNT}/q`, 'host'],
  [`https://sqs.cn-north-1.amazonaws.com/${ACCOUNT}/q`, 'not served'],
  [`https://sqs.us-east-1.amazonaws.com.cn/${ACCOUNT}/q`, 'not served'],
  [`https://sqs-fips.us-east-1.amazonaws.com.cn/${ACCOUNT}/q`, 'host'],
  [`${AWS}/12345678901/q`, '12 digits'],
  [`${AWS}/1234567890123/q`, '12 digits'],
  [`${AWS}/12345678901a/q`, '12 digits'],
  [`${AWS}/${ACCOUNT}/${'q'.repeat(81)}`, 'queue name'],
  [`${AWS}/${ACCOUNT}/${'q'.repeat(76)}.fifo`, 'queue name'],
  [`${AWS}/${ACCOUNT}/.fifo`, 'queue name'],
  [`${AWS}/${ACCOUNT}/q.FIFO`, 'queue name'],
  [`${AWS}/${ACCOUNT}/my.queue`, 'queue name'],
  [`${AWS}\\${ACCOUNT}\\q`, 'character'],
  [`https:\\\\sqs.us-east-1.amazonaws.com/${ACCOUNT}/q`, 'character'],
  [`https://sqs.us-east-1.amazonaws%2ecom/${ACCOUNT}/q`, 'character'],
  [`https://sqs%2Eus-east-1.amazonaws.com/${ACCOUNT}/q`, 'character'],
  [`${AWS}/${ACCOUNT}/my%20queue`, 'character'],
  [`${AWS}/${ACCOUNT}/my queue`, 'character'],
  [`https://sqs.us-east-1.amazonaws.com\t/${ACCOUNT}/q`, 'character'],
  ['sqs.us-east-1.amazonaws.com/123456789012/q', 'not a URL'],
  ['not a url', 'character'],
  [`arn:aws:sqs:us-east-1:${ACCOUNT}`, 'ARN'],
  [`arn:aws:sns:us-east-1:${ACCOUNT}:topic`, 'ARN'],
  [`arn:aws:sqs:us-east-1:${ACCOUNT}:q:extra`, 'ARN'],
  [`arn:aws-cn:sqs:us-east-1:${ACCOUNT}:q`, 'partition'],
  [`arn:aws:sqs:cn-north-1:${ACCOUNT}:q`, 'partition'],
  [`arn:aws:sqs:us-gov-west-1:${ACCOUNT}:q`, 'partition'],
  [`arn:aws:sqs:moon-1:${ACCOUNT}:q`, 'region'],
  [`arn:aws:sqs:us-east-1:1234:q`, '12 digits'],
  [`arn:aws:sqs:us-east-1:${ACCOUNT}:bad name`, 'queue name'],
  [`arn:aws:sqs:us-east-1:${ACCOUNT}:a/b`, 'path'],
];

describe('parseQueueUrl', () => {
  for (const [input, canonical] of accepted) {
    test(`accepts ${input.trim()}`, () => {
      const result = parseQueueUrl(input, options);
      assert.ok(result.ok, result.ok ? '' : result.error);
      assert.equal(result.queue.url, canonical);
    });
  }

  for (const [input, reason] of rejected) {
    test(`rejects ${input}`, () => {
      const result = parseQueueUrl(input, options);
      assert.equal(result.ok, false);
      assert.ok(!result.ok);
      assert.ok(
        result.error.startsWith(`invalid SQS url ${input.trim()}: `),
        result.error,
      );
      assert.match(result.error, /Expected https:\/\/sqs\.<region>/);
      assert.ok(result.error.includes(reason), result.error);
    });
  }

  test('empty input is an error', () => {
    assert.deepEqual(parseQueueUrl('  ', options), {
      ok: false,
      error: 'SQS URL is empty.',
    });
  });

  test('AWS URL fields', () => {
    const result = parseQueueUrl(`${AWS}/${ACCOUNT}/events.fifo`, options);
    assert.deepEqual(result, {
      ok: true,
      queue: {
        url: `${AWS}/${ACCOUNT}/events.fifo`,
        region: 'us-east-1',
        accountId: ACCOUNT,
        name: 'events.fifo',
        arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:events.fifo`,
        fifo: true,
        endpoint: null,
      },
    });
  });

  test('ARN partition for China and GovCloud', () => {
    const china = parseQueueUrl(
      `https://cn-north-1.queue.amazonaws.com/${ACCOUNT}/q`,
      options,
    );
    assert.equal(china.ok, false);
    const cnUrl = `https://sqs.cn-northwest-1.amazonaws.com.cn/${ACCOUNT}/q`;
    const cn = parseQueueUrl(cnUrl, options);
    assert.ok(cn.ok);
    assert.equal(cn.queue.arn, `arn:aws-cn:sqs:cn-northwest-1:${ACCOUNT}:q`);
    const govUrl = `https://sqs-fips.us-gov-east-1.amazonaws.com/${ACCOUNT}/q`;
    const gov = parseQueueUrl(govUrl, options);
    assert.ok(gov.ok);
    assert.equal(gov.queue.region, 'us-gov-east-1');
    assert.equal(
      gov.queue.arn,
      `arn:aws-us-gov:sqs:us-gov-east-1:${ACCOUNT}:q`,
    );
  });

  test('allowed origin fields', () => {
    const result = parseQueueUrl(`${LOCAL}/000000000000/chat-events`, options);
    assert.deepEqual(result, {
      ok: true,
      queue: {
        url: `${LOCAL}/000000000000/chat-events`,
        region: 'us-east-1',
        accountId: '000000000000',
        name: 'chat-events',
        arn: 'arn:aws:sqs:us-east-1:000000000000:chat-events',
        fifo: false,
        endpoint: LOCAL,
      },
    });
  });

  test('allowed origin region from host', () => {
    const url = 'http://sqs.eu-west-1.local:4566/000000000000/q';
    const result = parseQueueUrl(url, options);
    assert.ok(result.ok);
    assert.equal(result.queue.region, 'eu-west-1');
    assert.equal(result.queue.endpoint, 'http://sqs.eu-west-1.local:4566');
  });

  test('origins without a host allow nothing', () => {
    const fileOptions = { allowedOrigins: ['file:///', 'not a url'] };
    const result = parseQueueUrl('file:///000000000000/q', fileOptions);
    assert.equal(result.ok, false);
  });

  test('allowed origins never match AWS hosts', () => {
    const awsAllowed = { allowedOrigins: [AWS] };
    const result = parseQueueUrl(`${AWS}/${ACCOUNT}/q`, awsAllowed);
    assert.ok(result.ok);
    assert.equal(result.queue.endpoint, null);
  });
});

test('a long URL is cut in the error message', () => {
  const input = `https://sqs.us-east-1.amazonaws.com/1/${'q'.repeat(90_000)}`;
  const result = parseQueueUrl(input, { allowedOrigins: [] });
  assert.ok(!result.ok);
  assert.ok(result.error.length < 1000, `${result.error.length} characters`);
});

test('a bad character is named', () => {
  const result = parseQueueUrl(
    'https://sqs.us-east-1.amazonaws.com/123456789012/q#x',
    { allowedOrigins: [] },
  );
  assert.ok(!result.ok);
  assert.match(result.error, /"#" \(U\+0023\)/);
});
