import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Request, Response } from 'express';
import { CurrentUser, type AuthenticatedUser } from '@libs/auth';
import { AuditedRead, showRead, shownByHandler } from '../audit/audited-read.decorator';
import { attachment, DOCX_TYPE } from './content-disposition';
import { DocumentsService, type RenderedFile } from './documents.service';
import { Answers, Errors, UuidParam } from '../openapi/documented-operation';

const DOSSIER_NOT_FOUND = 'Không tìm thấy hồ sơ / dossier not found';
const documentsSchema = z
  .array(z.object({ code: z.string(), title: z.string(), event: z.string() }))
  .meta({ id: 'Documents', title: 'Văn bản của hồ sơ / documents of a dossier' });

function send(response: Response, file: RenderedFile) {
  response.set({ 'Content-Type': DOCX_TYPE, 'Content-Disposition': attachment(file.fileName) });
  response.send(file.content);
}

/** The official documents of the procedure as Word files (docs/documents.md). */
@ApiTags('documents')
@ApiBearerAuth()
@Controller()
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  /** The documents the dossier's recorded steps allow: `[{code, title, event}]`. */
  @Get('dossiers/:id/documents')
  @AuditedRead('documents')
  @ApiOperation({ summary: 'Các văn bản hồ sơ đã đủ điều kiện lập / Documents the dossier allows' })
  @Answers(200, documentsSchema)
  @Errors('NOT_FOUND')
  list(@CurrentUser() user: AuthenticatedUser, @UuidParam('id', DOSSIER_NOT_FOUND) id: string) {
    return this.documents.list(user, id);
  }

  @Get('dossiers/:id/documents/:code')
  @AuditedRead('document')
  @ApiOperation({ summary: 'Tải văn bản (.docx) / Download a document (.docx)' })
  @Answers(200, undefined, { mediaTypes: [DOCX_TYPE] })
  @Errors('NOT_FOUND', 'DOCUMENT_NOT_AVAILABLE')
  async document(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id', DOSSIER_NOT_FOUND) id: string,
    @Param('code') code: string,
    @Res() response: Response,
  ) {
    send(response, await this.documents.render(user, id, code));
  }

  /** One .docx with the certificate of every participant of a closed class the caller may see. */
  @Get('classes/:id/certificates')
  @AuditedRead('certificates', shownByHandler)
  @ApiOperation({ summary: 'Giấy chứng nhận của lớp (.docx) / Certificates of a class (.docx)' })
  @Answers(200, undefined, { mediaTypes: [DOCX_TYPE] })
  @Errors('NOT_FOUND', 'DOCUMENT_NOT_AVAILABLE')
  async certificates(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id', 'Không tìm thấy lớp / class not found') id: string,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const certificates = await this.documents.classCertificates(user, id);
    showRead(request, { dossierIds: certificates.dossierIds, organisationPath: certificates.organizerPath });
    send(response, certificates);
  }
}
