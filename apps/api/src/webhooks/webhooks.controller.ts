import { randomUUID } from 'node:crypto';
import { Controller, Get, HttpCode, HttpStatus, Inject, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { CurrentUser, inScope, Roles, type AuthenticatedUser } from '@libs/auth';
import type { AppConfig } from '@libs/config';
import { seal } from '@libs/persistence';
import { WebhookTargetPolicy } from '@libs/reminders';
import { APP_CONFIG } from '../app-config.token';
import { ApiError, invalidRequest, notFound } from '../errors/api-error';
import { OrganizationsService } from '../organizations/organizations.service';
import { Answers, Errors, UuidParam, ZodBody } from '../openapi/documented-operation';

const url = z.url({ protocol: /^https?$/ }).max(2000);
const secret = z.string().min(16).max(200);
const newWebhook = z
  .strictObject({ orgId: z.uuid(), url, secret })
  .meta({ id: 'NewWebhook', title: 'Webhook mới / new webhook' });
const changes = z
  .strictObject({ url: url.optional(), secret: secret.optional(), active: z.boolean().optional() })
  .meta({ id: 'WebhookChanges', title: 'Thay đổi webhook / webhook changes' });
const webhookSchema = z
  .object({ id: z.uuid(), orgId: z.uuid(), url: z.string(), active: z.boolean(), createdAt: z.string() })
  .meta({ id: 'Webhook', title: 'Webhook' });
const deliveriesSchema = z
  .array(
    z.object({
      id: z.uuid(),
      deadlineId: z.uuid().nullable(),
      kind: z.string(),
      dueOn: z.string().nullable(),
      status: z.string(),
      attempts: z.int(),
      lastStatusCode: z.int().nullable(),
      lastError: z.string().nullable(),
      deliveredAt: z.string().nullable(),
      createdAt: z.string(),
    }),
  )
  .meta({ id: 'WebhookDeliveries', title: 'Nhật ký gửi webhook / webhook deliveries' });
const COLUMNS = `w.id, w.org_id AS "orgId", w.url, w.active, w.created_at AS "createdAt"`;
const WEBHOOK_NOT_FOUND = 'Không tìm thấy webhook / webhook not found';

/**
 * Outgoing webhooks per organisation: every reminder in its subtree is posted, signed with its secret. Targets on
 * this host, link-local (cloud metadata) or private networks are refused unless WEBHOOK_ALLOWED_TARGETS names them;
 * secrets are stored sealed with DATA_KEY and never shown again.
 */
@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('webhooks')
@Roles('admin')
export class WebhooksController {
  private readonly targets: WebhookTargetPolicy;

  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.targets = new WebhookTargetPolicy(config.webhookAllowedTargets);
  }

  private checkTarget(url: string) {
    const refusal = this.targets.urlRefusal(new URL(url));
    if (refusal)
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'WEBHOOK_TARGET_REFUSED',
        `Địa chỉ webhook không được phép / webhook target refused: ${refusal}`,
      );
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Đăng ký webhook nhận nhắc việc / Register a webhook for reminders' })
  @Answers(201, webhookSchema, { description: 'Created' })
  @Errors('FORBIDDEN', 'NOT_FOUND', 'WEBHOOK_TARGET_REFUSED')
  async create(@CurrentUser() user: AuthenticatedUser, @ZodBody(newWebhook) input: z.infer<typeof newWebhook>) {
    this.checkTarget(input.url);
    await this.organizations.findInScope(user, input.orgId);
    // The id is drawn here: the sealed secret is bound to its row.
    const id = randomUUID();
    await this.dataSource.query(`INSERT INTO webhooks (id, org_id, url, secret) VALUES ($1, $2, $3, $4)`, [
      id,
      input.orgId,
      input.url,
      seal(input.secret, this.config.dataKeys.current, id),
    ]);
    return this.inScope(user, id);
  }

  private async inScope(user: AuthenticatedUser, id: string) {
    const [webhook] = await this.dataSource.query(
      `SELECT ${COLUMNS}, o.path FROM webhooks w JOIN organizations o ON o.id = w.org_id WHERE w.id = $1`,
      [id],
    );
    if (!webhook || !inScope(user, webhook.path)) throw notFound('Không tìm thấy webhook / webhook not found');
    const { path: _path, ...visible } = webhook;
    return visible;
  }

  /** A new URL or secret, or `active: false`: deliveries still queued for an inactive webhook are not sent. */
  @Patch(':id')
  @ApiOperation({ summary: 'Đổi địa chỉ, khóa bí mật hoặc tạm dừng webhook / Change or pause a webhook' })
  @Answers(200, webhookSchema)
  @Errors('FORBIDDEN', 'NOT_FOUND', 'WEBHOOK_TARGET_REFUSED')
  async update(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id', WEBHOOK_NOT_FOUND) id: string,
    @ZodBody(changes) input: z.infer<typeof changes>,
  ) {
    if (Object.keys(input).length === 0)
      throw invalidRequest([{ path: 'body', message: 'Không có gì để thay đổi / nothing to change' }]);
    await this.inScope(user, id);
    if (input.url) this.checkTarget(input.url);
    await this.dataSource.query(
      `UPDATE webhooks SET url = coalesce($2, url), secret = coalesce($3, secret), active = coalesce($4, active)
       WHERE id = $1`,
      [
        id,
        input.url ?? null,
        input.secret ? seal(input.secret, this.config.dataKeys.current, id) : null,
        input.active ?? null,
      ],
    );
    return this.inScope(user, id);
  }

  /** The webhooks of organisations in the caller's subtree. */
  @Get()
  @ApiOperation({ summary: 'Các webhook trong phạm vi / Webhooks in scope' })
  @Answers(200, z.array(webhookSchema))
  @Errors('FORBIDDEN')
  list(@CurrentUser() user: AuthenticatedUser) {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM webhooks w JOIN organizations o ON o.id = w.org_id
       WHERE $1::text IS NULL OR o.path LIKE $1 || '%' ORDER BY w.created_at`,
      [user.scopePath],
    );
  }

  /** The delivery log: every reminder posted to this webhook, its attempts and outcome. */
  @Get(':id/deliveries')
  @ApiOperation({ summary: 'Nhật ký gửi của webhook / Delivery log of a webhook' })
  @Answers(200, deliveriesSchema)
  @Errors('FORBIDDEN', 'NOT_FOUND')
  async deliveries(@CurrentUser() user: AuthenticatedUser, @UuidParam('id', WEBHOOK_NOT_FOUND) id: string) {
    await this.inScope(user, id);
    return this.dataSource.query(
      `SELECT id, deadline_id AS "deadlineId", kind, due_on AS "dueOn", status, attempts,
         last_status_code AS "lastStatusCode", last_error AS "lastError", delivered_at AS "deliveredAt",
         created_at AS "createdAt"
       FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY created_at DESC LIMIT 500`,
      [id],
    );
  }
}
