import { Module } from '@nestjs/common';
import { AuditModule } from '@covenant/application/audit/audit.module';
import { AuditController } from './audit.controller';

/** `GET /audit/...`: the controller over the application's AuditModule (AuditLog, checkpointer, query handlers). */
@Module({
  imports: [AuditModule],
  controllers: [AuditController],
})
export class AuditHttpModule {}
