import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, type AuthenticatedUser } from '@libs/auth';
import { AuditedRead, type ShownBy } from '../audit/audited-read.decorator';
import { Answers, ZodQuery } from '../openapi/documented-operation';
import { TasksInboxService, type TasksInbox } from './tasks-inbox.service';
import { tasksInboxSchema } from './tasks-inbox.schema';

/** Every dossier the to-do list names is a read of that dossier. */
const dossiersInTasks: ShownBy = (_request, answer) => {
  const { steps, deadlines } = answer as TasksInbox;
  return { dossierIds: [...new Set([...steps, ...deadlines].map((task) => task.dossier.id))] };
};

const tasksQuery = z.strictObject({
  withinWorkingDays: z.coerce.number().int().min(0).max(60).default(5).meta({
    description: 'Hạn trong số ngày làm việc này, và mọi hạn đã quá / deadlines within this many working days',
  }),
});

@ApiTags('inbox')
@ApiBearerAuth()
@Controller('inbox')
export class TasksInboxController {
  constructor(private readonly tasks: TasksInboxService) {}

  /** "Việc cần làm": the dossiers whose next step is the caller's, and the deadlines near or past. */
  @Get('tasks')
  @AuditedRead('list', dossiersInTasks)
  @ApiOperation({ summary: 'Việc cần làm: bước đến lượt và hạn sắp tới / To-do list: steps due and near deadlines' })
  @Answers(200, tasksInboxSchema)
  tasksFor(@CurrentUser() user: AuthenticatedUser, @ZodQuery(tasksQuery) query: z.infer<typeof tasksQuery>) {
    return this.tasks.forUser(user, query.withinWorkingDays);
  }
}
