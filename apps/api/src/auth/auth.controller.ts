import { Controller, HttpCode, Ip, Post, UseGuards } from '@nestjs/common';
import { Throttle } from '@nestjs/throttler';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Public } from '@libs/auth';
import { Answers, Errors, ZodBody } from '../openapi/documented-operation';
import { publicUserSchema } from '../users/user.schemas';
import { AuthService } from './auth.service';
import { LoginThrottlerGuard } from './login-throttler.guard';

const credentials = z
  .strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) })
  .meta({ id: 'Credentials', title: 'Thông tin đăng nhập / credentials' });

const session = z
  .object({ accessToken: z.string(), user: publicUserSchema })
  .meta({ id: 'Session', title: 'Phiên đăng nhập / session' });

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đăng nhập, nhận mã truy cập / Log in for an access token' })
  @Answers(200, session)
  @Errors('INVALID_CREDENTIALS', 'TOO_MANY_REQUESTS')
  login(@ZodBody(credentials) { username, password }: z.infer<typeof credentials>, @Ip() address: string) {
    return this.auth.login(username, password, address);
  }
}
