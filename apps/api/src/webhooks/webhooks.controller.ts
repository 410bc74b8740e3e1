import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { CurrentUser, inScope, Roles, type AuthenticatedUser } from '@libs/auth';
import { notFound } from '../errors/api-error';
import { OrganizationsService } from '../organizations/organizations.service';
import { parseBody } from '../zod-body';

const newWebhook = z.strictObject({
  orgId: z.uuid(),
  url: z.url({ protocol: /^https?$/ }),
  secret: z.string().min(16).max(200),
});

/** Outgoing webhooks per organisation: every reminder in its subtree is posted, signed with its secret. */
@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('webhooks')
@Roles('admin')
export class WebhooksController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
  ) {}

  @Post()
  @HttpCode(201)
  async create(@CurrentUser() user: AuthenticatedUser, @Body() body: unknown) {
    const { orgId, url, secret } = parseBody(newWebhook, body);
    await this.organizations.findInScope(user, orgId);
    const [webhook] = await this.dataSource.query(
      `INSERT INTO webhooks (org_id, url, secret) VALUES ($1, $2, $3)
       RETURNING id, org_id AS "orgId", url, active, created_at AS "createdAt"`,
      [orgId, url, secret],
    );
    return webhook;
  }

  /** The webhooks of organisations in the caller's subtree. */
  @Get()
  list(@CurrentUser() user: AuthenticatedUser) {
    return this.dataSource.query(
      `SELECT w.id, w.org_id AS "orgId", w.url, w.active, w.created_at AS "createdAt"
       FROM webhooks w JOIN organizations o ON o.id = w.org_id
       WHERE $1::text IS NULL OR o.path LIKE $1 || '%' ORDER BY w.created_at`,
      [user.scopePath],
    );
  }

  /** The delivery log: every reminder posted to this webhook, its attempts and outcome. */
  @Get(':id/deliveries')
  async deliveries(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => notFound() })) id: string,
  ) {
    const [webhook] = await this.dataSource.query(
      'SELECT w.id, o.path FROM webhooks w JOIN organizations o ON o.id = w.org_id WHERE w.id = $1',
      [id],
    );
    if (!webhook || !inScope(user, webhook.path)) throw notFound('Không tìm thấy webhook / webhook not found');
    return this.dataSource.query(
      `SELECT id, deadline_id AS "deadlineId", kind, due_on AS "dueOn", status, attempts,
         last_status_code AS "lastStatusCode", last_error AS "lastError", delivered_at AS "deliveredAt",
         created_at AS "createdAt"
       FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY created_at DESC LIMIT 500`,
      [id],
    );
  }
}
