import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { CurrentUser, type AuthenticatedUser } from '@libs/auth';
import { notFound } from '../errors/api-error';
import { queryOffset } from '../http/query-fields';
import { Answers, Errors, UuidParam, ZodQuery } from '../openapi/documented-operation';

const listQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional().meta({ description: 'Chỉ nhắc việc chưa đọc / unread only' }),
  current: z
    .enum(['true', 'false'])
    .optional()
    .meta({ description: 'Chỉ nhắc việc còn hiệu lực / only reminders not outdated' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: queryOffset,
});

/**
 * Of the notification `n`: the deadline it reminded of has been met, moved or closed since (the message keeps the
 * due date it had when sent).
 */
const OUTDATED_SQL = `coalesce((SELECT d.status <> 'open' OR d.due_on <> n.due_on FROM deadlines d WHERE d.id = n.deadline_id),
  false)`;

const COLUMNS = `n.id, n.kind, n.dossier_id AS "dossierId", n.deadline_id AS "deadlineId", n.due_on AS "dueOn", n.message,
  n.created_at AS "createdAt", n.read_at AS "readAt", ${OUTDATED_SQL} AS outdated`;

/** A reminder in a user's inbox. */
export interface NotificationView {
  id: string;
  kind: string;
  dossierId: string | null;
  deadlineId: string | null;
  dueOn: string | null;
  message: string;
  createdAt: string;
  readAt: string | null;
  outdated: boolean;
}

const notificationSchema = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    dossierId: z.uuid().nullable(),
    deadlineId: z.uuid().nullable(),
    dueOn: z.string().nullable(),
    message: z.string(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
    outdated: z.boolean().meta({
      description:
        'Hạn được nhắc đã thực hiện, đã đổi hoặc đã đóng / the deadline was met, moved or closed since this was sent',
    }),
  })
  .meta({ id: 'Notification', title: 'Nhắc việc / reminder' });

/** Each user's inbox of reminders (nhắc việc). */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Nhắc việc của người dùng, mới trước / The caller’s reminders, newest first' })
  @Answers(200, z.array(notificationSchema))
  list(
    @CurrentUser() user: AuthenticatedUser,
    @ZodQuery(listQuery) { unread, current, limit, offset }: z.infer<typeof listQuery>,
  ): Promise<NotificationView[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM notifications n WHERE n.user_id = $1 AND ($2::boolean IS NOT TRUE OR n.read_at IS NULL)
         AND ($5::boolean IS NOT TRUE OR NOT ${OUTDATED_SQL})
       ORDER BY n.created_at DESC, n.id LIMIT $3 OFFSET $4`,
      [user.id, unread === 'true', limit, offset, current === 'true'],
    );
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đánh dấu đã đọc / Mark a reminder read' })
  @Answers(200, notificationSchema)
  @Errors('NOT_FOUND')
  async markRead(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<NotificationView> {
    // An UPDATE answers [rows, count] through TypeORM.
    const [records] = await this.dataSource.query(
      `UPDATE notifications n SET read_at = coalesce(n.read_at, now()) WHERE n.id = $1 AND n.user_id = $2
       RETURNING ${COLUMNS}`,
      [id, user.id],
    );
    if (records.length === 0) throw notFound('Không tìm thấy nhắc việc / notification not found');
    return records[0];
  }
}
