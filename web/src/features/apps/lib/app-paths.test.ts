import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { getOverviewPath, switchAppPath } from './app-paths';

describe('switchAppPath', () => {
  it('keeps the page when switching apps', () => {
    assert.equal(
      switchAppPath('/apps/a1/chat/overview', 'b2'),
      '/apps/b2/chat/overview',
    );
  });

  it('keeps a bare app path', () => {
    assert.equal(switchAppPath('/apps/a1', 'b2'), '/apps/b2');
  });

  it('goes to the overview from other pages', () => {
    assert.equal(switchAppPath('/apps/new', 'b2'), getOverviewPath('b2'));
    assert.equal(switchAppPath('/', 'b2'), getOverviewPath('b2'));
  });

  it('encodes the app id', () => {
    assert.equal(getOverviewPath('a/b'), '/apps/a%2Fb/chat/overview');
  });
});
