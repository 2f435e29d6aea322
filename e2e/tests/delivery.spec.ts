import { randomUUID } from 'node:crypto';

import {
  CreateQueueCommand,
  DeleteQueueCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { Page } from '@playwright/test';
import { StreamChat } from 'stream-chat';

import type { TestEnvironment } from '../support/environment.js';
import {
  expect,
  expectNoSeriousA11yViolations,
  signIn,
  test,
} from '../support/fixtures.js';
import { runCli } from '../support/processes.js';

/**
 * These tests sign in as their own user in their own organisation, with
 * their own apps and queues, so the other specs see neither their apps in
 * the picker nor their events in the shared queue.
 */
const DELIVERY_USER = {
  // A worker that restarts after a failure runs beforeAll again.
  email: `delivery-${randomUUID().slice(0, 8)}@example.com`,
  password: 'another long test password',
  org: 'Delivery testers',
};

interface CreatedApp {
  id: string;
  api_key: string;
  api_secret: string;
}

test.beforeAll(({ environment }) => {
  runCli(['users', 'create', '--email', DELIVERY_USER.email, '--password',
    DELIVERY_USER.password, '--org', DELIVERY_USER.org],
  environment.dataDir);
});

function createApp(environment: TestEnvironment, name: string): CreatedApp {
  return JSON.parse(runCli(['apps', 'create', '--name', name, '--org',
    DELIVERY_USER.org, '--json'], environment.dataDir)) as CreatedApp;
}

function createSqsClient(environment: TestEnvironment): SQSClient {
  return new SQSClient({
    region: 'us-east-1',
    endpoint: environment.sqsOrigin,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/** Creates a queue on the local SQS server and returns its URL. */
async function createQueue(
  environment: TestEnvironment,
  name: string,
): Promise<string> {
  const client = createSqsClient(environment);
  try {
    const { QueueUrl } = await client.send(
      new CreateQueueCommand({ QueueName: name }),
    );
    if (!QueueUrl) throw new Error(`CreateQueue returned no URL for ${name}.`);
    return QueueUrl;
  } finally {
    client.destroy();
  }
}

async function deleteQueue(environment: TestEnvironment, queueUrl: string) {
  const client = createSqsClient(environment);
  try {
    await client.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
  } finally {
    client.destroy();
  }
}

async function openOverview(
  page: Page,
  environment: TestEnvironment,
  app: CreatedApp,
) {
  await signIn(page, { ...environment, ...DELIVERY_USER });
  await page.goto(
    `${environment.baseUrl}/dashboard/apps/${app.id}/chat/overview`,
  );
}

async function saveQueueUrl(page: Page, queueUrl: string) {
  const section = page.getByRole('region', { name: 'Amazon SQS' });
  await section.getByLabel('SQS URL').fill(queueUrl);
  await section.getByRole('button', { name: 'Save' }).click();
  await expect(section.getByRole('status').filter({ hasText: /Saved/ }))
    .toBeVisible();
}

/**
 * Checks the values of the Delivery block in order: State, Events sent,
 * Waiting, Dropped and Last sent.
 */
async function expectDeliveryFacts(
  page: Page,
  values: [RegExp, string, string, string, RegExp | string],
) {
  const delivery = page.getByRole('region', { name: 'Delivery', exact: true });
  await expect(delivery.getByRole('definition')).toHaveText(values);
}

/** Attaches a full-page screenshot to the report, for review. */
async function attachScreenshot(page: Page, name: string) {
  const body = await page.screenshot({ fullPage: true });
  await test.info().attach(name, { body, contentType: 'image/png' });
}

/** Creates a channel with two members and returns it. */
async function createChannel(
  environment: TestEnvironment,
  app: CreatedApp,
  channelId: string,
) {
  const client = new StreamChat(app.api_key, app.api_secret, {
    baseURL: environment.baseUrl,
  });
  await client.upsertUsers([{ id: 'agent' }, { id: 'customer' }]);
  const channel = client.channel('messaging', channelId, {
    created_by_id: 'agent',
    members: ['agent', 'customer'],
  });
  await channel.create();
  return channel;
}

test('sent events show in Delivery and Recent deliveries', async ({
  page,
  environment,
}) => {
  const app = createApp(environment, 'Delivery chat');
  const queueUrl = await createQueue(environment, 'delivery-events');
  const delivery = page.getByRole('region', {
    name: 'Delivery',
    exact: true,
  });
  const recent = page.getByRole('region', { name: 'Recent deliveries' });
  const table = recent.getByRole('table', { name: /Recent deliveries/ });

  await test.step('a new app starts empty', async () => {
    await openOverview(page, environment, app);
    await expect(delivery.getByText('Off', { exact: true })).toBeVisible();
    await expect(recent.getByText(
      'No events yet. Send a message with the SDK and it appears here.',
    )).toBeVisible();
  });

  await saveQueueUrl(page, queueUrl);
  const channel = await createChannel(environment, app, 'order-7');
  await channel.sendMessage({ text: 'My parcel is late.',
    user_id: 'customer' });
  await channel.sendMessage({ text: 'It left the depot today.',
    user_id: 'agent' });

  await test.step('Delivery counts the events as sent', async () => {
    await expectDeliveryFacts(page, [/^Idle/, '3', '0', '0', /^just now/]);
  });

  const messageRows = table.getByRole('row').filter({
    has: page.getByRole('button', { name: /^View message\.new event / }),
  });

  await test.step('the table lists each event with its message id',
    async () => {
      await expect(messageRows).toHaveCount(2);
      for (const row of await messageRows.all()) {
        await expect(row).toContainText('messaging:order-7');
        await expect(row).toContainText('Sent');
        await expect(row.getByRole('cell').nth(3))
          .toHaveText(/^[0-9a-f-]{36}$/i);
      }
      await expect(table.getByRole('button', {
        name: /^View channel\.created event /,
      })).toBeVisible();
    });

  await test.step('the filters narrow the rows', async () => {
    await recent.getByLabel('Event type').selectOption('message.new');
    await expect(table.getByRole('button', {
      name: /^View channel\.created event /,
    })).toHaveCount(0);
    await expect(messageRows).toHaveCount(2);

    await recent.getByLabel('Status').selectOption({ label: 'Dropped' });
    await expect(recent.getByText('No events match these filters.'))
      .toBeVisible();
    await recent.getByLabel('Status').selectOption({ label: 'Sent' });
    await expect(messageRows).toHaveCount(2);
  });

  await test.step('a row opens the event JSON', async () => {
    const newest = messageRows.first().getByRole('button');
    await newest.click();
    await expect(newest).toHaveAttribute('aria-expanded', 'true');
    await expect(table.getByText('"text": "It left the depot today."'))
      .toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await attachScreenshot(page, 'overview with an open event');
  });

  await test.step('a refresh keeps the open row and the filters',
    async () => {
      await channel.sendMessage({ text: 'Thank you!', user_id: 'customer' });
      await expect(messageRows).toHaveCount(3);
      await expect(messageRows.first()).toContainText('Sent');
      await expect(messageRows.nth(1).getByRole('button'))
        .toHaveAttribute('aria-expanded', 'true');
      await expect(table.getByText('"text": "It left the depot today."'))
        .toBeVisible();
      await expect(recent.getByLabel('Event type'))
        .toHaveValue('message.new');
      await expect(recent.getByLabel('Status')).toHaveValue('sent');
    });

  await test.step('the open row closes again', async () => {
    await messageRows.nth(1).getByRole('button').click();
    await expect(table.getByText('"text": "It left the depot today."'))
      .toHaveCount(0);
  });

  await deleteQueue(environment, queueUrl);
});

test('a missing queue pauses delivery until Resume finds it', async ({
  page,
  environment,
}) => {
  const app = createApp(environment, 'Paused chat');
  const queueName = `delivery-later-${randomUUID().slice(0, 8)}`;
  const queueUrl = `${environment.sqsOrigin}/000000000000/${queueName}`;
  const delivery = page.getByRole('region', {
    name: 'Delivery',
    exact: true,
  });

  await openOverview(page, environment, app);
  await saveQueueUrl(page, queueUrl);
  const channel = await createChannel(environment, app, 'refund-3');
  await channel.sendMessage({ text: 'Can I get a refund?',
    user_id: 'customer' });

  await test.step('Delivery shows the pause and its reason', async () => {
    await expect(delivery.getByText('Paused', { exact: true }))
      .toBeVisible();
    await expect(delivery.getByRole('alert'))
      .toContainText(/NonExistentQueue/);
    await expectDeliveryFacts(page, [/^Paused/, '0', '2', '0', 'Never']);
    await expectNoSeriousA11yViolations(page);
    await attachScreenshot(page, 'overview while paused');
  });

  const resume = delivery.getByRole('button', { name: 'Resume' });

  await test.step('Resume stays paused while the queue is missing',
    async () => {
      await resume.click();
      await expect(delivery.getByRole('status').filter({
        hasText: /still rejects/,
      })).toBeVisible();
      await expect(delivery.getByText('Paused', { exact: true }))
        .toBeVisible();
    });

  await test.step('Resume sends the events once the queue exists',
    async () => {
      const createdUrl = await createQueue(environment, queueName);
      expect(createdUrl).toBe(queueUrl);
      await resume.click();
      await expectDeliveryFacts(page, [/^Idle/, '2', '0', '0', /^just now/]);
      await expect(delivery.getByRole('alert')).toHaveCount(0);
      await expect(resume).toHaveCount(0);
    });

  await deleteQueue(environment, queueUrl);
});
