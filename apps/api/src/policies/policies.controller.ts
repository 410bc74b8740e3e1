import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { POLICY_VERSIONS } from '@workflows/admission';

/** The legal numbers in force by date, each with its citation and how sure the research is of it. */
@ApiTags('policies')
@ApiBearerAuth()
@Controller('policies')
export class PoliciesController {
  @Get()
  list() {
    return POLICY_VERSIONS;
  }
}
