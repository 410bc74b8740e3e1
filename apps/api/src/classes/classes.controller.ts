import { Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { visibleText } from '@workflows/common/visible-text';
import { CurrentUser, Roles, type AuthenticatedUser } from '@libs/auth';
import { localDate } from '@workflows/admission/events/event-schemas';
import { AuditedRead, showRead, shownByHandler } from '../audit/audited-read.decorator';

import { queryYear } from '../http/query-fields';
import { Answers, Errors, UuidParam, ZodBody, ZodQuery } from '../openapi/documented-operation';
import { classClosingSchema, trainingClassesSchema, trainingClassSchema } from './class.schemas';
import { CLASS_KINDS, ClassesService } from './classes.service';

const newClass = z
  .strictObject({
    kind: z.enum(CLASS_KINDS),
    name: visibleText(300),
    organizerOrgId: z.uuid(),
    startsOn: localDate,
    endsOn: localDate,
    issuer: visibleText(300),
  })
  .refine((c) => c.startsOn <= c.endsOn, {
    message: 'Ngày kết thúc trước ngày khai giảng / endsOn precedes startsOn',
    path: ['endsOn'],
  })
  .meta({ id: 'NewClass', title: 'Lớp mới / new class' });
const participant = z
  .strictObject({ dossierId: z.uuid().optional(), fullName: visibleText(200).optional() })
  .refine((p) => !!p.dossierId !== !!p.fullName, {
    message: 'Chọn hồ sơ hoặc nhập họ tên, không cả hai / give either dossierId or fullName',
  })
  .meta({ id: 'NewParticipant', title: 'Học viên / participant' });
const closing = z
  .strictObject({ closedOn: localDate, certificatePrefix: visibleText(40) })
  .meta({ id: 'ClassClosingRequest', title: 'Kết thúc lớp / closing' });
const listQuery = z.strictObject({ year: queryYear.optional(), kind: z.enum(CLASS_KINDS).optional() });
const CLASS_NOT_FOUND = 'Không tìm thấy lớp / class not found';

@ApiTags('classes')
@ApiBearerAuth()
@Controller('classes')
export class ClassesController {
  constructor(private readonly classes: ClassesService) {}

  @Post()
  @HttpCode(201)
  @Roles('specialist', 'admin')
  @ApiOperation({ summary: 'Mở lớp bồi dưỡng / Open a training class' })
  @Answers(201, trainingClassSchema, { description: 'Created' })
  @Errors('FORBIDDEN', 'NOT_FOUND')
  create(@CurrentUser() user: AuthenticatedUser, @ZodBody(newClass) body: z.infer<typeof newClass>) {
    return this.classes.create(user, body);
  }

  @Get()
  @ApiOperation({ summary: 'Các lớp bồi dưỡng trong phạm vi / Training classes in scope' })
  @Answers(200, trainingClassesSchema)
  list(@CurrentUser() user: AuthenticatedUser, @ZodQuery(listQuery) query: z.infer<typeof listQuery>) {
    return this.classes.list(user, query);
  }

  /** Audited: the participants' names, and their dossiers, are personal data. */
  @Get(':id')
  @AuditedRead('class', shownByHandler)
  @ApiOperation({ summary: 'Xem lớp và học viên / A class and its participants' })
  @Answers(200, trainingClassSchema)
  @Errors('NOT_FOUND')
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id', CLASS_NOT_FOUND) id: string,
    @Req() request: Request,
  ) {
    const { organizerPath, ...trainingClass } = await this.classes.read(user, id);
    const dossierIds = trainingClass.participants.flatMap((p) => (p.dossierId ? [p.dossierId] : []));
    showRead(request, { dossierIds, organisationPath: organizerPath });
    return trainingClass;
  }

  @Post(':id/participants')
  @HttpCode(200)
  @Roles('specialist', 'grassrootsOfficer', 'cellSecretary', 'admin')
  @ApiOperation({ summary: 'Ghi danh học viên / Enrol a participant' })
  @Answers(200, trainingClassSchema)
  @Errors('FORBIDDEN', 'NOT_FOUND', 'CLASS_CLOSED', 'ALREADY_ENROLLED')
  enrol(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id', CLASS_NOT_FOUND) id: string,
    @ZodBody(participant) body: z.infer<typeof participant>,
  ) {
    return this.classes.enrol(user, id, body);
  }

  /** Closes the class and records every participant's certificate on their dossier, reporting each outcome. */
  @Post(':id/close')
  @HttpCode(200)
  @Roles('specialist')
  @ApiOperation({ summary: 'Kết thúc lớp, cấp giấy chứng nhận / Close a class and issue its certificates' })
  @Answers(200, classClosingSchema)
  @Errors('FORBIDDEN', 'NOT_FOUND', 'CLASS_CLOSED')
  close(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id', CLASS_NOT_FOUND) id: string,
    @ZodBody(closing) { closedOn, certificatePrefix }: z.infer<typeof closing>,
  ) {
    return this.classes.close(user, id, closedOn, certificatePrefix);
  }
}
