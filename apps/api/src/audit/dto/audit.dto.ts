import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { INTEGRITY_REASONS } from '@covenant/event-store';
import { PageMetaDto, PageQueryDto } from '../../http/dto/page.dto';
import { toInteger } from '../../http/dto/query-transforms';

const HASH = 'ce4fdb51509de12f8888479acd53c2c1da3753148f522d835038341417a38bcf';
const HASH2 = 'abae04f698a8c7df6dcdf7331e689376c3d45a9e893b363001b3a7dfb0b698da';
const HASH3 = '9a8cc268937f5d85978c3125f502daa2f6c953e057eb035995cb3810cd040824';
const SIGNATURE = '81QMi7sFFqLUpnMHabEp1iFKb6ngSLDQlvfTD22kSDxJcIoLCEv+q7/VAMQ/5SvrGbe5usUwjQ+r0HrDavxiAw==';

/** A tree size: a positive integer (a query string of digits becomes a number; anything else fails isInt). */
function TreeSize(description: string, required: boolean): PropertyDecorator {
  return (target, key) => {
    (required ? ApiProperty : ApiPropertyOptional)({ type: 'integer', description, minimum: 1, example: 1000 })(target, key);
    if (!required) IsOptional()(target, key);
    Transform(toInteger)(target, key);
    IsInt({ message: '$property must be a positive integer' })(target, key);
    Min(1, { message: '$property must be at least 1' })(target, key);
    Max(Number.MAX_SAFE_INTEGER)(target, key);
  };
}

export class CheckpointListQueryDto extends PageQueryDto {}

export class ProofQueryDto {
  @TreeSize('Tree size of the checkpoint to prove against (default: the latest checkpoint)', false)
  treeSize?: number;
}

export class ConsistencyQueryDto {
  @TreeSize('Tree size of the older checkpoint', true)
  from!: number;

  @TreeSize('Tree size of the newer checkpoint (>= from)', true)
  to!: number;
}

export class CheckpointDto {
  @ApiProperty({ type: 'integer', description: 'Events covered: positions 1..treeSize', example: 1000 })
  treeSize!: number;

  @ApiProperty({ description: 'RFC 6962 Merkle tree hash over the events’ hashes in position order (hex)', example: HASH })
  rootHash!: string;

  @ApiProperty({ description: 'When the checkpoint was issued (ISO-8601)', example: '2026-03-02T09:01:00.000Z' })
  issuedAt!: string;

  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 (hex) of the previous checkpoint’s canonical JSON; null for the first', example: HASH2 })
  previousCheckpointHash!: string | null;

  @ApiProperty({ description: 'Ed25519 signature (base64) of "covenant-checkpoint/v1\\n" + RFC 8785 JSON of the four fields above', example: SIGNATURE })
  signature!: string;
}

export class CheckpointPageDto extends PageMetaDto {
  @ApiProperty({ type: [CheckpointDto], description: 'Checkpoints, smallest tree first' })
  items!: CheckpointDto[];
}

export class InclusionProofDto {
  @ApiProperty({ type: 'integer', example: 42 }) position!: number;
  @ApiProperty({ type: 'integer', description: 'RFC 6962 leaf index: position - 1', example: 41 }) leafIndex!: number;
  @ApiProperty({ type: 'integer', description: 'The checkpoint’s tree size', example: 1000 }) treeSize!: number;
  @ApiProperty({ description: 'The event’s hash (the leaf input), hex', example: HASH3 }) eventHash!: string;
  @ApiProperty({ description: 'SHA-256(0x00 || eventHash bytes), hex', example: HASH2 }) leafHash!: string;

  @ApiProperty({ type: [String], description: 'RFC 6962 audit path, bottom-up (hex)', example: [HASH2, HASH3] })
  proof!: string[];

  @ApiProperty({ type: CheckpointDto }) checkpoint!: CheckpointDto;
}

export class ConsistencyProofDto {
  @ApiProperty({ type: 'integer', example: 1000 }) fromTreeSize!: number;
  @ApiProperty({ type: 'integer', example: 2000 }) toTreeSize!: number;

  @ApiProperty({ type: [String], description: 'RFC 6962 PROOF(from, D[to]) (hex)', example: [HASH, HASH3] })
  proof!: string[];

  @ApiProperty({ type: CheckpointDto }) from!: CheckpointDto;
  @ApiProperty({ type: CheckpointDto }) to!: CheckpointDto;
}

export class IntegrityFailureDto {
  @ApiProperty({ type: 'integer', description: 'First bad position (for a checkpoint reason: the last position it covers)', example: 42 })
  position!: number;

  @ApiProperty({ enum: INTEGRITY_REASONS, description: 'Stable reason code', example: 'payload-changed' })
  reason!: string;

  @ApiProperty({ example: "the stored hash 3a4fc01b2e9d… does not match the event's content (recomputed 9b1c2d3e4f50…)" })
  detail!: string;

  @ApiPropertyOptional({ type: 'integer', description: 'The checkpoint involved, by tree size', example: 1000 })
  checkpointTreeSize?: number;
}

export class VerifyReportDto {
  @ApiProperty({ example: false }) ok!: boolean;
  @ApiProperty({ type: 'integer', description: 'Events read and found intact', example: 41 }) events!: number;
  @ApiProperty({ type: 'integer', description: 'Checkpoints found valid', example: 0 }) checkpoints!: number;
  @ApiProperty({ type: IntegrityFailureDto, nullable: true }) failure!: IntegrityFailureDto | null;
}

export class PublicKeyDto {
  @ApiProperty({ enum: ['Ed25519'], example: 'Ed25519' }) algorithm!: 'Ed25519';

  @ApiProperty({ description: 'SPKI PEM', example: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAmiTlpTfACesx2xKRCDE4Lg4NGzWehcR48pG20joTI8A=\n-----END PUBLIC KEY-----\n' })
  publicKeyPem!: string;

  @ApiProperty({ description: 'The 32 raw key bytes (RFC 8032), base64', example: 'miTlpTfACesx2xKRCDE4Lg4NGzWehcR48pG20joTI8A=' })
  publicKey!: string;

  @ApiProperty({ description: 'SHA-256 of the raw key bytes, hex', example: '994cc10e237b27112604dc0699d670b80ddbc552f17d7ce0bc636ce78d830c10' })
  keyId!: string;
}
